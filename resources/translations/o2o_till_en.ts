<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BagCountDialog</name>
    <message>
        <source>Bag count</source>
        <translation>Bag count</translation>
    </message>
    <message>
        <source>How many bags does this order fill?</source>
        <translation>How many bags does this order fill?</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <extracomment>How the screens write a currency&apos;s amounts; a currency not listed shows its ISO code.</extracomment>
        <translation type="unfinished">Item</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished">Qty</translation>
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
        <translation type="unfinished">Amount</translation>
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
    <name>CashManagementDialog</name>
    <message>
        <source>Cash put into the drawer, e.g. a float top-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash taken from the drawer to pay for something; keep the receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surplus notes from the drawer into the safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager takes cash from the drawer to the safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash management</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount, e.g. 12.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>Note (what for, receipt number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record and print slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1} recorded; the slip is printing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These tickets are not finished. Void them, or keep them (held) for the next shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">State</translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished">Items</translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep for next shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the cash by note and coin, then enter the totals of the other payments (card terminal batch, QR pay). The expected amounts are shown only after you submit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm and close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the day (Z report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept for next shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open (on the sale screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a ticket first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void ticket {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blind count · attempt {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins miscounted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change given wrongly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment keyed on the wrong tender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count result · attempt {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over by {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beyond the tolerance: recount, or give a reason; a manager must approve the close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within the tolerance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the difference first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the shift {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shift is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can close the business day of the last shift (Z report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business day {0}: the shift is closed with {1} over/short. If no other shift works today, close the day now: the Z report is printed and sent to the platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the business day (Z report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First count</source>
        <translation>First count</translation>
    </message>
</context>
<context>
    <name>CouponConflictsDialog</name>
    <message>
        <source>Coupon conflicts</source>
        <translation>Coupon conflicts</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>Platform says</translation>
    </message>
    <message>
        <source>Settled… (manager)</source>
        <translation>Settled… (manager)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The platform refused these coupon uses: the code was used first elsewhere. The sale stands; settle the discount with the customer or head office, then close it here with a note.</source>
        <translation>The platform refused these coupon uses: the code was used first elsewhere. The sale stands; settle the discount with the customer or head office, then close it here with a note.</translation>
    </message>
    <message>
        <source>No open conflicts: the platform accepted every coupon used here.</source>
        <translation>No open conflicts: the platform accepted every coupon used here.</translation>
    </message>
    <message>
        <source>Pick a conflict first.</source>
        <translation>Pick a conflict first.</translation>
    </message>
    <message>
        <source>Coupon conflict settled</source>
        <translation>Coupon conflict settled</translation>
    </message>
    <message>
        <source>How was it settled?</source>
        <translation>How was it settled?</translation>
    </message>
    <message>
        <source>Customer paid the difference</source>
        <translation>Customer paid the difference</translation>
    </message>
    <message>
        <source>Written off by head office</source>
        <translation>Written off by head office</translation>
    </message>
    <message>
        <source>Close the conflict of coupon {0}</source>
        <translation>Close the conflict of coupon {0}</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>Closed.</translation>
    </message>
</context>
<context>
    <name>CouponEntryDialog</name>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Coupon code, e.g. WELCOME10</source>
        <translation>Coupon code, e.g. WELCOME10</translation>
    </message>
    <message>
        <source>Add coupon</source>
        <translation>Add coupon</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Type the code printed under the coupon&apos;s QR code.</source>
        <translation>Type the code printed under the coupon&apos;s QR code.</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>You save</source>
        <translation>You save</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Scan to pay with WeChat or Alipay</source>
        <translation>Scan to pay with WeChat or Alipay</translation>
    </message>
    <message>
        <source>Please pay</source>
        <translation>Please pay</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Thank you, see you again</source>
        <translation>Thank you, see you again</translation>
    </message>
    <message>
        <source>Pickup order {0}</source>
        <translation>Pickup order {0}</translation>
    </message>
    <message>
        <source>Your items</source>
        <translation>Your items</translation>
    </message>
    <message>
        <source>Member {0}</source>
        <translation>Member {0}</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} points</translation>
    </message>
    <message>
        <source>Scan with WeChat to pay</source>
        <translation>Scan with WeChat to pay</translation>
    </message>
    <message>
        <source>Scan with Alipay to pay</source>
        <translation>Scan with Alipay to pay</translation>
    </message>
    <message>
        <source>Pay by QR</source>
        <translation>Pay by QR</translation>
    </message>
</context>
<context>
    <name>DenominationCounter</name>
    <message>
        <source>coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is not a whole number of {1} pieces.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Stopping after this page…</source>
        <translation>Stopping after this page…</translation>
    </message>
    <message>
        <source>Products {0} of {1}</source>
        <translation>Products {0} of {1}</translation>
    </message>
    <message>
        <source>Download stopped at {0} of {1} products. Resume continues from there.</source>
        <translation>Download stopped at {0} of {1} products. Resume continues from there.</translation>
    </message>
    <message>
        <source>The download stopped: {0}</source>
        <translation>The download stopped: {0}</translation>
    </message>
    <message>
        <source>This address cannot be used: {0}</source>
        <translation>This address cannot be used: {0}</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>It works.</source>
        <translation>It works.</translation>
    </message>
    <message>
        <source>It does not work.</source>
        <translation>It does not work.</translation>
    </message>
    <message>
        <source>Connect this till to your platform</source>
        <translation>Connect this till to your platform</translation>
    </message>
    <message>
        <source>Downloading your store</source>
        <translation>Downloading your store</translation>
    </message>
    <message>
        <source>Receipt printer and cash drawer</source>
        <translation>Receipt printer and cash drawer</translation>
    </message>
    <message>
        <source>Welcome to O2O Till</source>
        <translation>Welcome to O2O Till</translation>
    </message>
    <message>
        <source>This till is not set up yet. Choose the language of the till.</source>
        <translation>This till is not set up yet. Choose the language of the till.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Enter the platform address and the pairing code head office gave you for this till.</source>
        <translation>Enter the platform address and the pairing code head office gave you for this till.</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>e.g. 7KQ2-M8TX</source>
        <translation>e.g. 7KQ2-M8TX</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>No platform yet? The demo store has goods, staff and prices to try the till with.</source>
        <translation>No platform yet? The demo store has goods, staff and prices to try the till with.</translation>
    </message>
    <message>
        <source>Try the demo store</source>
        <translation>Try the demo store</translation>
    </message>
    <message>
        <source>The till downloads the store profile, tax classes, categories, staff, products, prices and stock. You can stop and resume.</source>
        <translation>The till downloads the store profile, tax classes, categories, staff, products, prices and stock. You can stop and resume.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Enter the addresses of the receipt printer and the cash drawer and try them. preview:// shows receipts on the screen.</source>
        <translation>Enter the addresses of the receipt printer and the cash drawer and try them. preview:// shows receipts on the screen.</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Cash drawer</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>Open the drawer</source>
        <translation>Open the drawer</translation>
    </message>
    <message>
        <source>Save and go to sign-in</source>
        <translation>Save and go to sign-in</translation>
    </message>
    <message>
        <source>O2O Till · first start</source>
        <translation>O2O Till · first start</translation>
    </message>
</context>
<context>
    <name>HardwareScreen</name>
    <message>
        <source>Scan a barcode with the scanner now (waiting up to 15 s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished">Testing…</translation>
    </message>
    <message>
        <source>Test page sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open command sent: the drawer should open now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scanned code: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test text sent: the display should show TOTAL 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale works and reads 0.000 kg; put goods on it to see a weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale reads {0} kg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the device&apos;s address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code yet: scan any barcode, then press the button again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer does not take the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the printer dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of printer cannot be used on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer reports a problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serial port cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display settings are not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display did not respond in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight is not stable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale reads below zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The load is over the scale&apos;s capacity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale&apos;s answer is not a weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale is not ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code arrived from the scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The till uses the new devices after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the config file cannot be read or written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the address of “{0}” cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address of “{0}” cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may change the hardware settings. Sign in as an administrator to use this screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished">Receipt printer</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation type="unfinished">Cash drawer</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show test text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. tcp://192.168.1.50:9100, or preview:// to print on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printer (drawer on the printer), a serial address, or empty for none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty for a keyboard (USB HID) scanner, or serial:///dev/ttyACM0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. serial:///dev/ttyUSB0?baudrate=9600, or empty for none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. serial:///dev/ttyUSB1?baudrate=9600&amp;bytesize=7&amp;parity=E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawer connector pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display command set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latin (English names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters the display can show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform&apos;s addresses are filled in: test them, then Save.</source>
        <translation>The platform&apos;s addresses are filled in: test them, then Save.</translation>
    </message>
    <message>
        <source>The platform has assigned no devices to this till.</source>
        <translation>The platform has assigned no devices to this till.</translation>
    </message>
    <message>
        <source>Devices from the platform</source>
        <translation>Devices from the platform</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup console keys</source>
        <translation>Pickup console keys</translation>
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
        <source>New PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>Repeat the new PIN</translation>
    </message>
    <message>
        <source>Key the new PIN again.</source>
        <translation>Key the new PIN again.</translation>
    </message>
    <message>
        <source>The two PINs differ. Choose your new PIN again.</source>
        <translation>The two PINs differ. Choose your new PIN again.</translation>
    </message>
    <message>
        <source>Key your PIN and press Enter (or pick your name first, ↑ ↓) — or scan your staff badge.</source>
        <translation>Key your PIN and press Enter (or pick your name first, ↑ ↓) — or scan your staff badge.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No shift is open yet: press F10 and count the float to start selling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the open window before scanning (code {0} not added).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator may change the devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing with the platform now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkout Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup orders ({0} new) Ctrl+P</source>
        <translation>Pickup orders ({0} new) Ctrl+P</translation>
    </message>
    <message>
        <source>Pickup orders Ctrl+P</source>
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
    <message>
        <source>Printing the receipt again, marked REPRINT.</source>
        <translation>Printing the receipt again, marked REPRINT.</translation>
    </message>
    <message>
        <source>Only a manager may pair the till with the platform.</source>
        <translation>Only a manager may pair the till with the platform.</translation>
    </message>
    <message>
        <source>Paired with {0}; syncing now.</source>
        <translation>Paired with {0}; syncing now.</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>Backup saved as {path}</source>
        <translation>Backup saved as {path}</translation>
    </message>
    <message>
        <source>{0} wallet payment(s) left unfinished were settled; see F10, Wallet payments.</source>
        <translation>{0} wallet payment(s) left unfinished were settled; see F10, Wallet payments.</translation>
    </message>
    <message>
        <source>Close the till?</source>
        <translation>Close the till?</translation>
    </message>
    <message>
        <source>A ticket is on screen. Close the till anyway? It is kept for the next start.</source>
        <translation>A ticket is on screen. Close the till anyway? It is kept for the next start.</translation>
    </message>
    <message>
        <source>A shift is open. Close the till anyway? The shift stays open.</source>
        <translation>A shift is open. Close the till anyway? The shift stays open.</translation>
    </message>
    <message>
        <source>{0} wallet refund(s) of returns are not confirmed yet; the till keeps retrying.</source>
        <translation>{0} wallet refund(s) of returns are not confirmed yet; the till keeps retrying.</translation>
    </message>
</context>
<context>
    <name>ManagerMenu</name>
    <message>
        <source>Cash in / out, drop</source>
        <extracomment>(id, key, label): the id is the dialog&apos;s result and part of the button&apos;s objectName.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close shift / day (Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync with the platform now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events the platform refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices (printer, drawer, scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup conflicts</source>
        <translation>Pickup conflicts</translation>
    </message>
    <message>
        <source>Coupon conflicts</source>
        <translation>Coupon conflicts</translation>
    </message>
    <message>
        <source>Return conflicts</source>
        <translation>Return conflicts</translation>
    </message>
    <message>
        <source>Shift and manager functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair with the platform again</source>
        <translation>Pair with the platform again</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Wallet payments to resolve</source>
        <translation>Wallet payments to resolve</translation>
    </message>
    <message>
        <source>Open shift (count the float)</source>
        <extracomment>F10 with no shift open: open one, or reach what needs no shift (after a Z, before the first shift).</extracomment>
        <translation>Open shift (count the float)</translation>
    </message>
    <message>
        <source>Member balance conflicts</source>
        <translation>Member balance conflicts</translation>
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
    <name>MemberActionsDialog</name>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code</source>
        <translation>Scan the customer&apos;s payment code</translation>
    </message>
    <message>
        <source>Top-up amount (¥)</source>
        <translation>Top-up amount (¥)</translation>
    </message>
    <message>
        <source>Payment code</source>
        <translation>Payment code</translation>
    </message>
    <message>
        <source>Top up with cash</source>
        <translation>Top up with cash</translation>
    </message>
    <message>
        <source>Top up by payment code</source>
        <translation>Top up by payment code</translation>
    </message>
    <message>
        <source>Take the member off</source>
        <translation>Take the member off</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Waiting for the wallet… the balance is credited once the payment is confirmed.</source>
        <translation>Waiting for the wallet… the balance is credited once the payment is confirmed.</translation>
    </message>
</context>
<context>
    <name>MemberConflictsDialog</name>
    <message>
        <source>Member balance conflicts</source>
        <translation>Member balance conflicts</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>stored value spent</source>
        <translation>stored value spent</translation>
    </message>
    <message>
        <source>points redeemed</source>
        <translation>points redeemed</translation>
    </message>
    <message>
        <source>{0}: {1} {2} refused by the platform ({3})</source>
        <translation>{0}: {1} {2} refused by the platform ({3})</translation>
    </message>
    <message>
        <source>Settle each with the member (cash or a later top-up).</source>
        <translation>Settle each with the member (cash or a later top-up).</translation>
    </message>
    <message>
        <source>No member balance conflicts.</source>
        <translation>No member balance conflicts.</translation>
    </message>
</context>
<context>
    <name>MemberIdentifyDialog</name>
    <message>
        <source>Identify member</source>
        <translation>Identify member</translation>
    </message>
    <message>
        <source>Scan the member code or card, or type the mobile number or its last 4 digits</source>
        <translation>Scan the member code or card, or type the mobile number or its last 4 digits</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Sign up…</source>
        <translation>Sign up…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Looking the member up…</source>
        <translation>Looking the member up…</translation>
    </message>
    <message>
        <source>{0} members end with these digits: ask the member which one, then press Enter.</source>
        <translation>{0} members end with these digits: ask the member which one, then press Enter.</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Member</source>
        <extracomment>The member shown (a MemberView, masked) or None: the customer screen follows it.</extracomment>
        <translation>Member</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>pending (sign-up sent)</source>
        <translation>pending (sign-up sent)</translation>
    </message>
</context>
<context>
    <name>MemberSignupDialog</name>
    <message>
        <source>New member</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>The customer has read and agrees to the store&apos;s membership terms and privacy notice</source>
        <translation>The customer has read and agrees to the store&apos;s membership terms and privacy notice</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <source>Sign up</source>
        <translation>Sign up</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
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
        <source>Float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
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
        <source>QR shown: waiting for the customer to scan and pay… {0} s</source>
        <translation>QR shown: waiting for the customer to scan and pay… {0} s</translation>
    </message>
    <message>
        <source>Asking the wallet for a QR… {0} s</source>
        <translation>Asking the wallet for a QR… {0} s</translation>
    </message>
    <message>
        <source>The QR payment was closed (cancelled, expired or not created); nothing was charged.</source>
        <translation>The QR payment was closed (cancelled, expired or not created); nothing was charged.</translation>
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
        <translation type="unfinished">Amount due</translation>
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
        <translation type="unfinished">Change</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>UnionPay QR</source>
        <translation>UnionPay QR</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code now.</source>
        <translation>Scan the customer&apos;s payment code now.</translation>
    </message>
    <message>
        <source>Cancelling: giving the money back to the customer… {0} s</source>
        <translation>Cancelling: giving the money back to the customer… {0} s</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm on their phone… {0} s</source>
        <translation>Waiting for the customer to confirm on their phone… {0} s</translation>
    </message>
    <message>
        <source>Cancelling: giving the money back to the customer…</source>
        <translation>Cancelling: giving the money back to the customer…</translation>
    </message>
    <message>
        <source>The {0} payment failed ({1}). Ask for another payment method.</source>
        <translation>The {0} payment failed ({1}). Ask for another payment method.</translation>
    </message>
    <message>
        <source>The wallet payment was cancelled; nothing was charged.</source>
        <translation>The wallet payment was cancelled; nothing was charged.</translation>
    </message>
    <message>
        <source>The wallet has not confirmed giving the money back yet; the till keeps trying (F10, Wallet payments).</source>
        <translation>The wallet has not confirmed giving the money back yet; the till keeps trying (F10, Wallet payments).</translation>
    </message>
    <message>
        <source>Bank card (F3)</source>
        <translation>Bank card (F3)</translation>
    </message>
    <message>
        <source>Card: key in the reference no. printed on the terminal slip, then Bank card.</source>
        <translation>Card: key in the reference no. printed on the terminal slip, then Bank card.</translation>
    </message>
    <message>
        <source>Scan payment code (F2)</source>
        <translation>Scan payment code (F2)</translation>
    </message>
    <message>
        <source>Customer payment code</source>
        <translation>Customer payment code</translation>
    </message>
    <message>
        <source>Cancel wallet payment</source>
        <translation>Cancel wallet payment</translation>
    </message>
    <message>
        <source>Key in the amount to pay with the member&apos;s points or stored value.</source>
        <translation>Key in the amount to pay with the member&apos;s points or stored value.</translation>
    </message>
    <message>
        <source>Stored value {0} offline, above the cap</source>
        <translation>Stored value {0} offline, above the cap</translation>
    </message>
    <message>
        <source>offline stored value cap</source>
        <translation>offline stored value cap</translation>
    </message>
    <message>
        <source>Member points</source>
        <translation>Member points</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
</context>
<context>
    <name>PickupConflictsDialog</name>
    <message>
        <source>Pickup conflicts</source>
        <translation>Pickup conflicts</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>Platform says</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Settled… (manager)</source>
        <translation>Settled… (manager)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The platform refused these pickup changes. Settle each with the customer or head office, then close it here with a note.</source>
        <translation>The platform refused these pickup changes. Settle each with the customer or head office, then close it here with a note.</translation>
    </message>
    <message>
        <source>No open conflicts: the platform accepted every pickup change.</source>
        <translation>No open conflicts: the platform accepted every pickup change.</translation>
    </message>
    <message>
        <source>Pick a conflict first.</source>
        <translation>Pick a conflict first.</translation>
    </message>
    <message>
        <source>Conflict settled</source>
        <translation>Conflict settled</translation>
    </message>
    <message>
        <source>How was it settled?</source>
        <translation>How was it settled?</translation>
    </message>
    <message>
        <source>Refunded by head office</source>
        <translation>Refunded by head office</translation>
    </message>
    <message>
        <source>Goods returned to the shelf</source>
        <translation>Goods returned to the shelf</translation>
    </message>
    <message>
        <source>Close conflict of order {0}</source>
        <translation>Close conflict of order {0}</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>Closed.</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>Order {order} is not at this till yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This pickup QR code is damaged; key in the 6-digit code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code} matches no order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong code for order {order_no}. {attempts_left} attempts left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is locked after too many wrong codes. Call a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code was already used: order {order_no} is collected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is cancelled. Do not hand anything over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} has expired. Do not hand anything over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is not ready yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not possible for order {order_no} now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Start picking for order {order_no} first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not in order {order_no}. Put it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many: the order has {ordered} of {name}, {picked} already picked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code} is not an item or a pickup code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not fully picked: pick it or short-pick it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is picked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or key in the customer&apos;s pickup code first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the lines to hand over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only {outstanding} of {name} can be handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a bag count from 1 to 99.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That line is no longer in order {order_no}; reload the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That conflict was already dealt with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is not being paid on this ticket; press Take payment on the pickup screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is paid at the store: press Take payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is paid online: press Hand over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkout ticket is not empty. Finish or hold it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {order_no} is not past its deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager must approve this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code} matches no order. {attempts_left} attempts left, then code entry locks.</source>
        <translation>Code {code} matches no order. {attempts_left} attempts left, then code entry locks.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Select the customer&apos;s order first, or call a manager to unlock.</source>
        <translation>Too many wrong codes. Select the customer&apos;s order first, or call a manager to unlock.</translation>
    </message>
    <message>
        <source>This till cannot check pickup QR codes yet. Sync, or key in the 6-digit code.</source>
        <translation>This till cannot check pickup QR codes yet. Sync, or key in the 6-digit code.</translation>
    </message>
    <message>
        <source>The code of order {order_no} can only be checked online now. Scan the customer&apos;s QR.</source>
        <translation>The code of order {order_no} can only be checked online now. Scan the customer&apos;s QR.</translation>
    </message>
    <message>
        <source>Order {order_no} is being picked at till {till} ({name}). Leave it to them, or ask a manager to take it over.</source>
        <translation>Order {order_no} is being picked at till {till} ({name}). Leave it to them, or ask a manager to take it over.</translation>
    </message>
    <message>
        <source>Select an order on the left, or scan the customer&apos;s pickup code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pay at store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · {1} {2} · {3} · {4} · until {5}{6}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pcs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked {0} × {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key in the customer&apos;s 6-digit code, then press Check code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {0} is ready for pickup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a line first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>Short pick</translation>
    </message>
    <message>
        <source>being picked at till {0}</source>
        <translation>being picked at till {0}</translation>
    </message>
    <message>
        <source>Customer&apos;s note: {0}</source>
        <translation>Customer&apos;s note: {0}</translation>
    </message>
    <message>
        <source>Pay at store: {0} due for the ticked lines ({1} for all outstanding).</source>
        <translation>Pay at store: {0} due for the ticked lines ({1} for all outstanding).</translation>
    </message>
    <message>
        <source>Code correct: order {0} for {1}. {2} due: press Take payment (F12).</source>
        <translation>Code correct: order {0} for {1}. {2} due: press Take payment (F12).</translation>
    </message>
    <message>
        <source>Code correct: order {0} for {1}. Hand over the ticked lines (F10).</source>
        <translation>Code correct: order {0} for {1}. Hand over the ticked lines (F10).</translation>
    </message>
    <message>
        <source>Take order {0} over from the other till</source>
        <translation>Take order {0} over from the other till</translation>
    </message>
    <message>
        <source>Why is less than ordered picked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="unfinished">Damaged</translation>
    </message>
    <message>
        <source>Expired on the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel line</source>
        <translation>Cancel line</translation>
    </message>
    <message>
        <source>Why is this line not handed over?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer does not want it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of order {0} handed over; the rest stays on the pickup shelf.</source>
        <translation>Part of order {0} handed over; the rest stays on the pickup shelf.</translation>
    </message>
    <message>
        <source>Order {0} handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is on the checkout ticket: take the payment on the sale screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire order {0}: goods back to stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock typing pickup codes without an order</source>
        <translation>Unlock typing pickup codes without an order</translation>
    </message>
    <message>
        <source>Unlock order {0} after wrong codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled online: {0}. Put the goods back on the shelf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New pickup order: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished">Expired</translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan an item or a pickup code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished">Item</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed
over</source>
        <translation>Handed
over</translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromotionWhy</name>
    <message>
        <source>Not started yet.</source>
        <translation>Not started yet.</translation>
    </message>
    <message>
        <source>Already ended.</source>
        <translation>Already ended.</translation>
    </message>
    <message>
        <source>Not on this day of the week.</source>
        <translation>Not on this day of the week.</translation>
    </message>
    <message>
        <source>Only from {0} to {1}.</source>
        <translation>Only from {0} to {1}.</translation>
    </message>
    <message>
        <source>Not run in this store.</source>
        <translation>Not run in this store.</translation>
    </message>
    <message>
        <source>Not run at the till.</source>
        <translation>Not run at the till.</translation>
    </message>
    <message>
        <source>Members only: no member on the ticket.</source>
        <translation>Members only: no member on the ticket.</translation>
    </message>
    <message>
        <source>Only for member tiers {0}.</source>
        <translation>Only for member tiers {0}.</translation>
    </message>
    <message>
        <source>The member already used it {0} times today.</source>
        <translation>The member already used it {0} times today.</translation>
    </message>
    <message>
        <source>Needs {0} qualifying items; the ticket has {1}.</source>
        <translation>Needs {0} qualifying items; the ticket has {1}.</translation>
    </message>
    <message>
        <source>Needs {0} more (from {1}).</source>
        <translation>Needs {0} more (from {1}).</translation>
    </message>
    <message>
        <source>Its limit of {0} per ticket is reached.</source>
        <translation>Its limit of {0} per ticket is reached.</translation>
    </message>
    <message>
        <source>Only one of its group applies: {0} saves more.</source>
        <translation>Only one of its group applies: {0} saves more.</translation>
    </message>
    <message>
        <source>Does not combine with {0}, which saves more.</source>
        <translation>Does not combine with {0}, which saves more.</translation>
    </message>
    <message>
        <source>Another combination saves the customer more.</source>
        <translation>Another combination saves the customer more.</translation>
    </message>
    <message>
        <source>Saves nothing on this ticket.</source>
        <translation>Saves nothing on this ticket.</translation>
    </message>
    <message>
        <source>Applied to other items of the ticket.</source>
        <translation>Applied to other items of the ticket.</translation>
    </message>
    <message>
        <source>This line was re-priced or discounted by hand; promotions do not apply.</source>
        <translation>This line was re-priced or discounted by hand; promotions do not apply.</translation>
    </message>
    <message>
        <source>Did not apply ({0}).</source>
        <translation>Did not apply ({0}).</translation>
    </message>
</context>
<context>
    <name>PromotionWhyDialog</name>
    <message>
        <source>Why no promotion</source>
        <translation>Why no promotion</translation>
    </message>
    <message>
        <source>Promotions for {0}</source>
        <translation>Promotions for {0}</translation>
    </message>
    <message>
        <source>No promotion looks at this item.</source>
        <translation>No promotion looks at this item.</translation>
    </message>
</context>
<context>
    <name>QrPaymentPanel</name>
    <message>
        <source>Show QR to customer (F4)</source>
        <translation>Show QR to customer (F4)</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>The customer may also scan this copy</source>
        <translation>The customer may also scan this copy</translation>
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
    <name>RefusedEventsDialog</name>
    <message>
        <source>Events the platform refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished">Kind</translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Nothing is waiting: the platform accepted everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an event first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued to send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is it discarded?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>Pair with the platform again</source>
        <translation>Pair with the platform again</translation>
    </message>
    <message>
        <source>Pairing again replaces this till&apos;s platform token. The {0} events waiting to be sent are kept and are sent to the platform after pairing. Continue?</source>
        <translation>Pairing again replaces this till&apos;s platform token. The {0} events waiting to be sent are kept and are sent to the platform after pairing. Continue?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>Pair</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Z report (day closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Z report No. {0} · business day {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X report · business day {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of Z report No. {0} was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The X report was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales by hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment mix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished">Amount</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished">Quantity</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales by hour · {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export: load a report with rows first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>No receipt</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Returns · {0}</source>
        <translation>Returns · {0}</translation>
    </message>
</context>
<context>
    <name>ReturnConflictsDialog</name>
    <message>
        <source>Return conflicts</source>
        <translation>Return conflicts</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>Platform says</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The platform reports these returns refunded more than was left of the sale: the units were returned at another till while this one was offline. The return stands; settle the difference with head office.</source>
        <translation>The platform reports these returns refunded more than was left of the sale: the units were returned at another till while this one was offline. The return stands; settle the difference with head office.</translation>
    </message>
    <message>
        <source>No return conflicts: the platform accepted every return made here.</source>
        <translation>No return conflicts: the platform accepted every return made here.</translation>
    </message>
    <message>
        <source>Pick a conflict first.</source>
        <translation>Pick a conflict first.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return / exchange</source>
        <extracomment>With a member on the ticket, the refund may go to the member&apos;s stored value instead of cash.</extracomment>
        <translation>Return / exchange</translation>
    </message>
    <message>
        <source>Scan the receipt or type its number (or an online order number)</source>
        <translation>Scan the receipt or type its number (or an online order number)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>No receipt…</source>
        <translation>No receipt…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation>Returnable</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>Item code</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Refund all in cash (manager)</source>
        <translation>Refund all in cash (manager)</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Changed mind</source>
        <translation>Changed mind</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>Wrong item</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>another till or an online order</source>
        <translation>another till or an online order</translation>
    </message>
    <message>
        <source>this till</source>
        <translation>this till</translation>
    </message>
    <message>
        <source>Receipt {0} of {1} ({2})</source>
        <translation>Receipt {0} of {1} ({2})</translation>
    </message>
    <message>
        <source>Pick the quantities to return.</source>
        <translation>Pick the quantities to return.</translation>
    </message>
    <message>
        <source>nothing to pay back</source>
        <translation>nothing to pay back</translation>
    </message>
    <message>
        <source>Refund {0}: {1}</source>
        <translation>Refund {0}: {1}</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>UnionPay QR</source>
        <translation>UnionPay QR</translation>
    </message>
    <message>
        <source>{0} back to {1}</source>
        <translation>{0} back to {1}</translation>
    </message>
    <message>
        <source>{0} to the bank card (slip {1})</source>
        <translation>{0} to the bank card (slip {1})</translation>
    </message>
    <message>
        <source>{0} back to the online payment</source>
        <translation>{0} back to the online payment</translation>
    </message>
    <message>
        <source>{0} back to stored value</source>
        <translation>{0} back to stored value</translation>
    </message>
    <message>
        <source>{0} back as the points redeemed</source>
        <translation>{0} back as the points redeemed</translation>
    </message>
    <message>
        <source>{0} in cash</source>
        <translation>{0} in cash</translation>
    </message>
    <message>
        <source>Scan the receipt first.</source>
        <translation>Scan the receipt first.</translation>
    </message>
    <message>
        <source>Refund this return in cash</source>
        <translation>Refund this return in cash</translation>
    </message>
    <message>
        <source>Return {0} saved.</source>
        <translation>Return {0} saved.</translation>
    </message>
    <message>
        <source>The wallet refund is not confirmed yet; the till retries it.</source>
        <translation>The wallet refund is not confirmed yet; the till retries it.</translation>
    </message>
    <message>
        <source>Cash to give back: {0}</source>
        <translation>Cash to give back: {0}</translation>
    </message>
    <message>
        <source>Return without a receipt</source>
        <translation>Return without a receipt</translation>
    </message>
    <message>
        <source>No receipt: scan the item. The refund is in cash, at the store&apos;s rule price.</source>
        <translation>No receipt: scan the item. The refund is in cash, at the store&apos;s rule price.</translation>
    </message>
    <message>
        <source>Refund to the stored value of {0} {1}</source>
        <translation>Refund to the stored value of {0} {1}</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
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
        <source>Undo the last change on the ticket</source>
        <translation>Undo the last change on the ticket</translation>
    </message>
    <message>
        <source>Last change undone.</source>
        <translation>Last change undone.</translation>
    </message>
    <message>
        <source>See why a promotion did not apply</source>
        <translation>See why a promotion did not apply</translation>
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
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Return {0} saved.</source>
        <translation>Return {0} saved.</translation>
    </message>
    <message>
        <source>Stored value topped up by {0}: cash in the drawer.</source>
        <translation>Stored value topped up by {0}: cash in the drawer.</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan or key in a barcode, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished">Items</translation>
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
    <message>
        <source>Why no promotion?</source>
        <translation>Why no promotion?</translation>
    </message>
    <message>
        <source>You save</source>
        <translation>You save</translation>
    </message>
    <message>
        <source>Business day {0} (calendar date {1})</source>
        <translation>Business day {0} (calendar date {1})</translation>
    </message>
    <message>
        <source>Return / exchange</source>
        <translation>Return / exchange</translation>
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
        <translation type="unfinished">Item</translation>
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
    <name>WalletPayments</name>
    <message>
        <source>not sent</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>sent, no answer yet</source>
        <translation>sent, no answer yet</translation>
    </message>
    <message>
        <source>customer confirming</source>
        <translation>customer confirming</translation>
    </message>
    <message>
        <source>paid, sale not completed</source>
        <translation>paid, sale not completed</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>giving the money back</source>
        <translation>giving the money back</translation>
    </message>
    <message>
        <source>given back</source>
        <translation>given back</translation>
    </message>
</context>
<context>
    <name>WalletPaymentsDialog</name>
    <message>
        <source>Wallet payments to resolve</source>
        <translation>Wallet payments to resolve</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Wallet</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Accept with a reason…</source>
        <translation>Accept with a reason…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Every wallet payment is final: nothing to resolve.</source>
        <translation>Every wallet payment is final: nothing to resolve.</translation>
    </message>
    <message>
        <source>Pick a payment first.</source>
        <translation>Pick a payment first.</translation>
    </message>
    <message>
        <source>Asking the wallet…</source>
        <translation>Asking the wallet…</translation>
    </message>
    <message>
        <source>Now: {0}.</source>
        <translation>Now: {0}.</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Why is it accepted unresolved?</source>
        <translation>Why is it accepted unresolved?</translation>
    </message>
    <message>
        <source>Accept wallet payment {0}</source>
        <translation>Accept wallet payment {0}</translation>
    </message>
    <message>
        <source>Accepted.</source>
        <translation>Accepted.</translation>
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
        <source>That print job is no longer waiting (printed or set aside).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That receipt is printing right now; try again if it fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no printer &apos;{role}&apos; on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That refused event is no longer waiting for a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This item&apos;s tax class {tax_code} is not set up on this till; call the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved ticket cannot be read; call the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a note or coin.</source>
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
    <message>
        <source>The scale is still moving. Wait, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale reads zero. Put the item on the scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale reads below zero. Empty it and press its zero key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too heavy for the scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale does not answer. Check its cable and power.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale is not connected. Check its cable, or key in the weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale&apos;s address in the settings is wrong. Call the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale sent an answer the till does not understand. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scale is set up at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale is not ready. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale&apos;s port refused its settings (baud rate, data bits, parity). Call the administrator.</source>
        <translation>The scale&apos;s port refused its settings (baud rate, data bits, parity). Call the administrator.</translation>
    </message>
    <message>
        <source>No receipt is waiting to be printed again.</source>
        <translation>No receipt is waiting to be printed again.</translation>
    </message>
    <message>
        <source>This is a one-time PIN: choose your own PIN to sign in.</source>
        <translation>This is a one-time PIN: choose your own PIN to sign in.</translation>
    </message>
    <message>
        <source>The new PIN must differ from the one-time PIN.</source>
        <translation>The new PIN must differ from the one-time PIN.</translation>
    </message>
    <message>
        <source>“{url}” is not a platform address: {detail}</source>
        <translation>“{url}” is not a platform address: {detail}</translation>
    </message>
    <message>
        <source>“{code}” is not a pairing code: it has 6 to 16 letters and digits.</source>
        <translation>“{code}” is not a pairing code: it has 6 to 16 letters and digits.</translation>
    </message>
    <message>
        <source>Cannot reach {host}: check the address and the network.</source>
        <translation>Cannot reach {host}: check the address and the network.</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed: its certificate is not trusted or is for another name.</source>
        <translation>The secure connection to {host} failed: its certificate is not trusted or is for another name.</translation>
    </message>
    <message>
        <source>The platform does not accept this code: it is wrong, already used or expired. Ask for a new one.</source>
        <translation>The platform does not accept this code: it is wrong, already used or expired. Ask for a new one.</translation>
    </message>
    <message>
        <source>This code is for another store or till than {store_id}-{till_id}.</source>
        <translation>This code is for another store or till than {store_id}-{till_id}.</translation>
    </message>
    <message>
        <source>{host} answers, but it is not an O2O platform. Check the address.</source>
        <translation>{host} answers, but it is not an O2O platform. Check the address.</translation>
    </message>
    <message>
        <source>This computer has no key store for the platform token: {detail}</source>
        <translation>This computer has no key store for the platform token: {detail}</translation>
    </message>
    <message>
        <source>The platform has a problem right now ({detail}). Try again in a minute.</source>
        <translation>The platform has a problem right now ({detail}). Try again in a minute.</translation>
    </message>
    <message>
        <source>Pairing with the platform failed.</source>
        <translation>Pairing with the platform failed.</translation>
    </message>
    <message>
        <source>This till is not paired with a platform yet.</source>
        <translation>This till is not paired with a platform yet.</translation>
    </message>
    <message>
        <source>The backup could not be made. Call the administrator. ({reason})</source>
        <translation>The backup could not be made. Call the administrator. ({reason})</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code first.</source>
        <translation>Scan the customer&apos;s payment code first.</translation>
    </message>
    <message>
        <source>Payment code {masked} must contain digits only. Scan the code on the customer&apos;s phone.</source>
        <translation>Payment code {masked} must contain digits only. Scan the code on the customer&apos;s phone.</translation>
    </message>
    <message>
        <source>Code {masked} ({length} digits) is not a WeChat Pay, Alipay or UnionPay payment code. Ask the customer to refresh the code and scan again.</source>
        <translation>Code {masked} ({length} digits) is not a WeChat Pay, Alipay or UnionPay payment code. Ask the customer to refresh the code and scan again.</translation>
    </message>
    <message>
        <source>A wallet payment that is {current} cannot become {target}.</source>
        <translation>A wallet payment that is {current} cannot become {target}.</translation>
    </message>
    <message>
        <source>A wallet payment of {amount} is still waiting for an answer; wait for it or cancel it before you {action}.</source>
        <translation>A wallet payment of {amount} is still waiting for an answer; wait for it or cancel it before you {action}.</translation>
    </message>
    <message>
        <source>The {wallet} payment failed: {reason}.</source>
        <translation>The {wallet} payment failed: {reason}.</translation>
    </message>
    <message>
        <source>Wallet payment {out_trade_no} is not on this till.</source>
        <translation>Wallet payment {out_trade_no} is not on this till.</translation>
    </message>
    <message>
        <source>Wallet payment {out_trade_no} is {state}; only a paid payment can be refunded.</source>
        <translation>Wallet payment {out_trade_no} is {state}; only a paid payment can be refunded.</translation>
    </message>
    <message>
        <source>A refund of {amount} is more than the {refundable} left on payment {out_trade_no}.</source>
        <translation>A refund of {amount} is more than the {refundable} left on payment {out_trade_no}.</translation>
    </message>
    <message>
        <source>Wallet payments are not available: {reason}.</source>
        <translation>Wallet payments are not available: {reason}.</translation>
    </message>
    <message>
        <source>A {wallet} payment is removed by giving the money back: use Remove payment in the payment window.</source>
        <translation>A {wallet} payment is removed by giving the money back: use Remove payment in the payment window.</translation>
    </message>
    <message>
        <source>{count} wallet payment(s) are not final. Resolve them (F10, Wallet payments) or have a manager accept them with a reason before closing.</source>
        <translation>{count} wallet payment(s) are not final. Resolve them (F10, Wallet payments) or have a manager accept them with a reason before closing.</translation>
    </message>
    <message>
        <source>Promotion {promotion_id} cannot be used at this till: {reason}. Call the administrator.</source>
        <translation>Promotion {promotion_id} cannot be used at this till: {reason}. Call the administrator.</translation>
    </message>
    <message>
        <source>Coupon {code} is already on this ticket.</source>
        <translation>Coupon {code} is already on this ticket.</translation>
    </message>
    <message>
        <source>Coupon {code} is not known or no longer valid.</source>
        <translation>Coupon {code} is not known or no longer valid.</translation>
    </message>
    <message>
        <source>Coupon {code} can only be used from {start} to {end}.</source>
        <translation>Coupon {code} can only be used from {start} to {end}.</translation>
    </message>
    <message>
        <source>Coupon {code} is not valid in this store.</source>
        <translation>Coupon {code} is not valid in this store.</translation>
    </message>
    <message>
        <source>Coupon {code} was already used.</source>
        <translation>Coupon {code} was already used.</translation>
    </message>
    <message>
        <source>Coupon {code} needs a spend of ¥{threshold}: ¥{short} more.</source>
        <translation>Coupon {code} needs a spend of ¥{threshold}: ¥{short} more.</translation>
    </message>
    <message>
        <source>Coupon {code} needs the network, and the till is offline. Try again when online.</source>
        <translation>Coupon {code} needs the network, and the till is offline. Try again when online.</translation>
    </message>
    <message>
        <source>The top-up was not paid ({state}): nothing was credited and the customer was not charged.</source>
        <translation>The top-up was not paid ({state}): nothing was credited and the customer was not charged.</translation>
    </message>
    <message>
        <source>The wallet has not answered yet: the ¥{amount} top-up is credited only when the charge is known to have gone through, or given back (see Wallet payments).</source>
        <translation>The wallet has not answered yet: the ¥{amount} top-up is credited only when the charge is known to have gone through, or given back (see Wallet payments).</translation>
    </message>
    <message>
        <source>The platform&apos;s hold on the member&apos;s {kind} expired and the member no longer has {wanted} free: take that payment off and pay another way.</source>
        <translation>The platform&apos;s hold on the member&apos;s {kind} expired and the member no longer has {wanted} free: take that payment off and pay another way.</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>There is nothing to undo.</translation>
    </message>
    <message>
        <source>The ticket has payments. Remove them before undoing a change.</source>
        <translation>The ticket has payments. Remove them before undoing a change.</translation>
    </message>
    <message>
        <source>No staff member has this PIN. Check it, or choose your name first.</source>
        <translation>No staff member has this PIN. Check it, or choose your name first.</translation>
    </message>
    <message>
        <source>Another staff member already has this PIN. Choose a different one.</source>
        <translation>Another staff member already has this PIN. Choose a different one.</translation>
    </message>
    <message>
        <source>“{code}” is not a coupon code: use letters, digits, “.”, “_” and “-” (up to 64).</source>
        <translation>“{code}” is not a coupon code: use letters, digits, “.”, “_” and “-” (up to 64).</translation>
    </message>
    <message>
        <source>This coupon conflict is already settled.</source>
        <translation>This coupon conflict is already settled.</translation>
    </message>
    <message>
        <source>This field cannot be empty.</source>
        <translation>This field cannot be empty.</translation>
    </message>
    <message>
        <source>This text is {length} characters long; at most {maximum} fit.</source>
        <translation>This text is {length} characters long; at most {maximum} fit.</translation>
    </message>
    <message>
        <source>The till&apos;s disk is full, so this was not saved. Nothing saved before is lost. Ask the manager to free disk space, then try again.</source>
        <translation>The till&apos;s disk is full, so this was not saved. Nothing saved before is lost. Ask the manager to free disk space, then try again.</translation>
    </message>
    <message>
        <source>The till could not write to its disk. Nothing saved before is lost. Try again; if it happens again, call support.</source>
        <translation>The till could not write to its disk. Nothing saved before is lost. Try again; if it happens again, call support.</translation>
    </message>
    <message>
        <source>Badge scanned. Now key the PIN of the badge&apos;s holder.</source>
        <translation>Badge scanned. Now key the PIN of the badge&apos;s holder.</translation>
    </message>
    <message>
        <source>This sign-in is not valid here. Sign in again.</source>
        <translation>This sign-in is not valid here. Sign in again.</translation>
    </message>
    <message>
        <source>Only {refundable} of {name} can still be returned; {quantity} was asked.</source>
        <translation>Only {refundable} of {name} can still be returned; {quantity} was asked.</translation>
    </message>
    <message>
        <source>{quantity} is not a quantity of {name} that can be returned.</source>
        <translation>{quantity} is not a quantity of {name} that can be returned.</translation>
    </message>
    <message>
        <source>Pick at least one line and a quantity to return.</source>
        <translation>Pick at least one line and a quantity to return.</translation>
    </message>
    <message>
        <source>Choose a reason for each returned line.</source>
        <translation>Choose a reason for each returned line.</translation>
    </message>
    <message>
        <source>&apos;{reason}&apos; is not a configured return reason.</source>
        <translation>&apos;{reason}&apos; is not a configured return reason.</translation>
    </message>
    <message>
        <source>That line is not on this receipt.</source>
        <translation>That line is not on this receipt.</translation>
    </message>
    <message>
        <source>No sale with receipt number {receipt_no} was found.</source>
        <translation>No sale with receipt number {receipt_no} was found.</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} is not from this till: returning it needs the network, and the till is offline. Try again when it is back online.</source>
        <translation>Receipt {receipt_no} is not from this till: returning it needs the network, and the till is offline. Try again when it is back online.</translation>
    </message>
    <message>
        <source>Return {return_no} is saved, but the {kind} refund of ¥{amount} is not confirmed yet; the till retries it. Do not give that money in cash.</source>
        <translation>Return {return_no} is saved, but the {kind} refund of ¥{amount} is not confirmed yet; the till retries it. Do not give that money in cash.</translation>
    </message>
    <message>
        <source>The exchange credit for receipt {receipt_no} no longer matches what can be returned. Remove the exchange credit and start the exchange again.</source>
        <translation>The exchange credit for receipt {receipt_no} no longer matches what can be returned. Remove the exchange credit and start the exchange again.</translation>
    </message>
    <message>
        <source>Exchange credit comes only from returned goods: remove that payment and use Return, then Exchange.</source>
        <translation>Exchange credit comes only from returned goods: remove that payment and use Return, then Exchange.</translation>
    </message>
    <message>
        <source>Those items of {receipt_no} were just returned or are being returned at another till. Look the receipt up again to see what is left.</source>
        <translation>Those items of {receipt_no} were just returned or are being returned at another till. Look the receipt up again to see what is left.</translation>
    </message>
    <message>
        <source>No member matches {query}.</source>
        <translation>No member matches {query}.</translation>
    </message>
    <message>
        <source>This member code was not issued by the platform. Ask the member to refresh it in the app.</source>
        <translation>This member code was not issued by the platform. Ask the member to refresh it in the app.</translation>
    </message>
    <message>
        <source>This member code has expired. Ask the member to refresh it in the app.</source>
        <translation>This member code has expired. Ask the member to refresh it in the app.</translation>
    </message>
    <message>
        <source>{phone} is not a mainland mobile number (11 digits starting with 13 to 19).</source>
        <translation>{phone} is not a mainland mobile number (11 digits starting with 13 to 19).</translation>
    </message>
    <message>
        <source>Type the full mobile number or exactly its last 4 digits.</source>
        <translation>Type the full mobile number or exactly its last 4 digits.</translation>
    </message>
    <message>
        <source>The customer must agree to the membership terms before signing up.</source>
        <translation>The customer must agree to the membership terms before signing up.</translation>
    </message>
    <message>
        <source>The name may have at most {max} characters and no control characters.</source>
        <translation>The name may have at most {max} characters and no control characters.</translation>
    </message>
    <message>
        <source>A member with this mobile number already exists: identify them instead.</source>
        <translation>A member with this mobile number already exists: identify them instead.</translation>
    </message>
    <message>
        <source>Identify a member first.</source>
        <translation>Identify a member first.</translation>
    </message>
    <message>
        <source>The new member is not confirmed by the platform yet; points and stored value wait for it.</source>
        <translation>The new member is not confirmed by the platform yet; points and stored value wait for it.</translation>
    </message>
    <message>
        <source>At least {minimum} points must be redeemed at a time.</source>
        <translation>At least {minimum} points must be redeemed at a time.</translation>
    </message>
    <message>
        <source>At most {maximum} points can be redeemed on one ticket.</source>
        <translation>At most {maximum} points can be redeemed on one ticket.</translation>
    </message>
    <message>
        <source>¥{amount} is not a whole number of points ({fen} fen per point).</source>
        <translation>¥{amount} is not a whole number of points ({fen} fen per point).</translation>
    </message>
    <message>
        <source>The member has {available} points; {wanted} are needed.</source>
        <translation>The member has {available} points; {wanted} are needed.</translation>
    </message>
    <message>
        <source>The member&apos;s stored value is ¥{available}; ¥{wanted} is needed.</source>
        <translation>The member&apos;s stored value is ¥{available}; ¥{wanted} is needed.</translation>
    </message>
    <message>
        <source>Redeeming {wanted} points needs the network: offline, this till may redeem {allowance} for this member.</source>
        <translation>Redeeming {wanted} points needs the network: offline, this till may redeem {allowance} for this member.</translation>
    </message>
    <message>
        <source>Offline, this member may spend ¥{cap} of stored value at this till (¥{left} left). A manager can override, or wait for the network.</source>
        <translation>Offline, this member may spend ¥{cap} of stored value at this till (¥{left} left). A manager can override, or wait for the network.</translation>
    </message>
    <message>
        <source>Offline, this till may take ¥{cap} of stored value a day (¥{left} left). A manager can override, or wait for the network.</source>
        <translation>Offline, this till may take ¥{cap} of stored value a day (¥{left} left). A manager can override, or wait for the network.</translation>
    </message>
    <message>
        <source>The platform refused: {reason}.</source>
        <translation>The platform refused: {reason}.</translation>
    </message>
    <message>
        <source>A top-up must be between ¥{minimum} and ¥{maximum}.</source>
        <translation>A top-up must be between ¥{minimum} and ¥{maximum}.</translation>
    </message>
    <message>
        <source>Remove the points or stored-value payment first.</source>
        <translation>Remove the points or stored-value payment first.</translation>
    </message>
    <message>
        <source>This ticket already has a {kind} payment; remove it to change the amount.</source>
        <translation>This ticket already has a {kind} payment; remove it to change the amount.</translation>
    </message>
    <message>
        <source>The platform refused: the member does not have {wanted} free now (another till may be using it).</source>
        <translation>The platform refused: the member does not have {wanted} free now (another till may be using it).</translation>
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
    <name>shift_messages</name>
    <message>
        <source>¥{amount} is more than the cash in the drawer. Nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{reason}” is not a reason for this; pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shift is already closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shift cannot close yet: {open_count} open and {held_count} held tickets ({tickets}). Void them or keep the held ones for the next shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket {label} has payments; complete it on the sale screen first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That ticket is no longer there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That count does not belong to the open shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count {attempt_no} was replaced by count {latest}; confirm the latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The count is off by more than ¥{tolerance}: give a reason and ask a manager to approve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business day {business_date} is already closed (Z report No. {z_no}). Reprint it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business day {business_date} still has an open shift; close it with a count first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shift was worked on business day {business_date}; there is nothing to close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Z report for business day {business_date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date {start} is after the end date {end}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shift_names</name>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank card (batch total)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation type="unfinished">WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation type="unfinished">Alipay</translation>
    </message>
    <message>
        <source>Float top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store supplies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petty cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished">Other</translation>
    </message>
    <message>
        <source>To the safe</source>
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
        <source>Void line</source>
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
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
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
        <extracomment>Returns and exchanges: its button sits beside the totals (the F-key grid is full). Identify a member / take them off (every F-key already has its button; a member card or code scanned into the code field attaches the member too).</extracomment>
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
    <message>
        <source>Switch between checkout and pickup orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a coupon code</source>
        <translation>Type a coupon code</translation>
    </message>
    <message>
        <source>Start picking</source>
        <translation>Start picking</translation>
    </message>
    <message>
        <source>Stop picking</source>
        <translation>Stop picking</translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>Short pick</translation>
    </message>
    <message>
        <source>Cancel line</source>
        <translation>Cancel line</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>Print pick list</translation>
    </message>
    <message>
        <source>Print bag labels</source>
        <translation>Print bag labels</translation>
    </message>
    <message>
        <source>Bag count</source>
        <translation>Bag count</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>Mark ready</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>Check code</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>Take payment</translation>
    </message>
    <message>
        <source>Expire (manager)</source>
        <translation>Expire (manager)</translation>
    </message>
    <message>
        <source>Unlock (manager)</source>
        <translation>Unlock (manager)</translation>
    </message>
    <message>
        <source>Pick the scanned item or check the scanned code</source>
        <translation>Pick the scanned item or check the scanned code</translation>
    </message>
    <message>
        <source>Tick or untick the selected line</source>
        <translation>Tick or untick the selected line</translation>
    </message>
    <message>
        <source>Select the previous / next order</source>
        <translation>Select the previous / next order</translation>
    </message>
    <message>
        <source>Select a line of the order</source>
        <translation>Select a line of the order</translation>
    </message>
    <message>
        <source>Print an unconfirmed receipt again (REPRINT)</source>
        <translation>Print an unconfirmed receipt again (REPRINT)</translation>
    </message>
    <message>
        <source>Undo the last change on the ticket</source>
        <translation>Undo the last change on the ticket</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Return or exchange goods (scan the receipt)</source>
        <translation>Return or exchange goods (scan the receipt)</translation>
    </message>
    <message>
        <source>Identify a member, or take the member off the ticket</source>
        <translation>Identify a member, or take the member off the ticket</translation>
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
        <source> (last sync {0})</source>
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
        <source>Printer: checking…</source>
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
    <message>
        <source>, {0} not confirmed (Ctrl+R reprints)</source>
        <translation>, {0} not confirmed (Ctrl+R reprints)</translation>
    </message>
    <message>
        <source>Scanner: ready</source>
        <translation>Scanner: ready</translation>
    </message>
    <message>
        <source>Scanner: connecting…</source>
        <translation>Scanner: connecting…</translation>
    </message>
    <message>
        <source>Scanner: unplugged</source>
        <translation>Scanner: unplugged</translation>
    </message>
    <message>
        <source>Scanner: wrong address in the settings</source>
        <translation>Scanner: wrong address in the settings</translation>
    </message>
    <message>
        <source>Scanner: error</source>
        <translation>Scanner: error</translation>
    </message>
    <message>
        <source>The cash drawer did not open: the printer reports a fault. Open it with the key.</source>
        <translation>The cash drawer did not open: the printer reports a fault. Open it with the key.</translation>
    </message>
    <message>
        <source>The cash drawer did not open: the printer did not answer. Open it with the key.</source>
        <translation>The cash drawer did not open: the printer did not answer. Open it with the key.</translation>
    </message>
    <message>
        <source>The cash drawer did not open: the printer cannot be reached. Open it with the key.</source>
        <translation>The cash drawer did not open: the printer cannot be reached. Open it with the key.</translation>
    </message>
    <message>
        <source>The cash drawer did not open in time. Open it with the key.</source>
        <translation>The cash drawer did not open in time. Open it with the key.</translation>
    </message>
    <message>
        <source>The cash drawer did not open. Open it with the key.</source>
        <translation>The cash drawer did not open. Open it with the key.</translation>
    </message>
    <message>
        <source>The printer did not confirm the last receipt ({0} not confirmed). If it did not come out, press Ctrl+R to print it again (marked REPRINT).</source>
        <translation>The printer did not confirm the last receipt ({0} not confirmed). If it did not come out, press Ctrl+R to print it again (marked REPRINT).</translation>
    </message>
    <message>
        <source>, {0} held back</source>
        <translation>, {0} held back</translation>
    </message>
</context>
</TS>
