<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price changed from {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (voided)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Only {0} can unlock; otherwise sign out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till locked — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out (the open ticket is kept)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Choose your name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {0} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick your name, key your PIN and press Enter — or scan your staff badge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Close the open window before scanning (code {0} not added).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift: not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift: {0} from {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift: unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O2O Till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store {0} · Till {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager PIN or badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager must key a PIN or scan a badge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the starting float in the drawer: how many of each note and coin?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Still due: {0}   (cash: {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key in the reference number from the card terminal slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sale (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card slip reference no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Recall a held ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <source>Reprint sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Select an item on the ticket first (↑ ↓).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of {0} in kg:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New quantity for {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price label differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New unit price for {0} (now {1}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the price of {0} to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on the whole ticket: an amount (5 or 5.00) or a percentage (10%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket discount {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket held. Recall it with F8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no held tickets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the drawer opened without a sale?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change for a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the cash drawer (no sale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawer opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift opened with a float of {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale {0} completed. Change {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or key in a barcode, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incl. tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Find item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, pinyin initials, SKU or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>“{value}” is not a valid amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount {value} must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount {value} has more than {places} decimal places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount {value} is above the maximum of {maximum}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanned code is empty. Scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code} has a wrong check digit. Scan it again or key it in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code} has {length} digits; no barcode has that length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code “{code}” is not a barcode this till recognises.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product with code {code}. Search with F2 or ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is no longer sold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code} is not an item ({kind}); it cannot be sold here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN. {attempts_left} attempts left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds_left} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff member or badge is not known at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} may not approve this action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That PIN or badge is not a manager&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager must approve this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not do this; a manager must approve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager approval is not valid: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a valid quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a whole number of pieces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight {value} has more than 3 decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity {value} is above the maximum of {maximum}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This item is sold by weight: weigh it or scan its scale label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price {value} must not be below zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price change needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount {value} is not valid: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount {discount} is more than the amount {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That line is no longer on the ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That line is voided and cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket is closed and can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket already has payments; remove them before changing items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{remaining} is still due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ticket with payments cannot be held; remove the payments first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That held ticket is no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ticket was already completed as receipt {receipt_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment method “{kind}” is not set up on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket has no items. Scan something before paying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment amount {value} must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is more than the {remaining} still due; only cash gives change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the card slip reference number (1 to 64 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ticket is already paid. Press Complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That payment is no longer on the ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shift is open. Open a shift (count the float) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a whole number of notes or coins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shift is already open on this till (since {opened_at}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business day {business_date} is already closed; open the shift on a later day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cash drawer is set up on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no receipt to print again yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the scanned or typed code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the code field / close a dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a line on the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity, void line, pay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Platform: not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: pairing needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: no key store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0} to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0} refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, check the clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: paper low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: out of paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: cover open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: wrong address in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0} waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
