<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BagCountDialog</name>
    <message>
        <source>Bag count</source>
        <translation>袋数</translation>
    </message>
    <message>
        <source>How many bags does this order fill?</source>
        <translation>这个订单装了几袋？</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <extracomment>How the screens write a currency&apos;s amounts; a currency not listed shows its ISO code.</extracomment>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Price changed from {0}: {1}</source>
        <translation>原价 {0}，改价原因：{1}</translation>
    </message>
    <message>
        <source>{0} (voided)</source>
        <translation>{0}（已作废）</translation>
    </message>
</context>
<context>
    <name>CashManagementDialog</name>
    <message>
        <source>Cash put into the drawer, e.g. a float top-up.</source>
        <translation>放入钱箱的现金，例如补充备用金。</translation>
    </message>
    <message>
        <source>Cash taken from the drawer to pay for something; keep the receipt.</source>
        <translation>从钱箱取现金支付费用；请保留单据。</translation>
    </message>
    <message>
        <source>Surplus notes from the drawer into the safe.</source>
        <translation>将钱箱中多余的纸币存入保险箱。</translation>
    </message>
    <message>
        <source>A manager takes cash from the drawer to the safe.</source>
        <translation>店长从钱箱提取现金存入保险箱。</translation>
    </message>
    <message>
        <source>Cash management</source>
        <translation>现金管理</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Cash drop</source>
        <translation>存入保险箱</translation>
    </message>
    <message>
        <source>Pick-up</source>
        <translation>提取现金</translation>
    </message>
    <message>
        <source>Amount, e.g. 12.50</source>
        <translation>金额，例如 12.50</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note (what for, receipt number)</source>
        <translation>备注（用途、单据号）</translation>
    </message>
    <message>
        <source>Record and print slip</source>
        <translation>登记并打印凭条</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{1} 的 {0}</translation>
    </message>
    <message>
        <source>{0} {1} recorded; the slip is printing.</source>
        <translation>已登记{0} {1}，正在打印凭条。</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Tickets still open</source>
        <translation>尚未完成的小票</translation>
    </message>
    <message>
        <source>These tickets are not finished. Void them, or keep them (held) for the next shift.</source>
        <translation>这些小票尚未完成。请作废，或挂单留给下一班。</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>小票</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Void ticket</source>
        <translation>作废小票</translation>
    </message>
    <message>
        <source>Keep for next shift</source>
        <translation>留给下一班</translation>
    </message>
    <message>
        <source>Count the drawer</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <source>Count the cash by note and coin, then enter the totals of the other payments (card terminal batch, QR pay). The expected amounts are shown only after you submit.</source>
        <translation>按面额清点现金，再输入其他支付方式的合计（刷卡终端批次合计、扫码支付）。提交后才会显示应有金额。</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>现金点数</translation>
    </message>
    <message>
        <source>Submit count</source>
        <translation>提交点钞</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>长款 / 短款</translation>
    </message>
    <message>
        <source>Reason for the difference</source>
        <translation>差异原因</translation>
    </message>
    <message>
        <source>Recount</source>
        <translation>重新点钞</translation>
    </message>
    <message>
        <source>Confirm and close shift</source>
        <translation>确认并交班</translation>
    </message>
    <message>
        <source>Close the day (Z report)</source>
        <translation>日结（Z 报表）</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>kept for next shift</source>
        <translation>留给下一班</translation>
    </message>
    <message>
        <source>open (on the sale screen)</source>
        <translation>未结（在收银界面）</translation>
    </message>
    <message>
        <source>held</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Select a ticket first.</source>
        <translation>请先选择一张小票。</translation>
    </message>
    <message>
        <source>Void ticket {0}</source>
        <translation>作废小票 {0}</translation>
    </message>
    <message>
        <source>Blind count · attempt {0}</source>
        <translation>盲点 · 第 {0} 次</translation>
    </message>
    <message>
        <source>Coins miscounted</source>
        <translation>硬币点错</translation>
    </message>
    <message>
        <source>Change given wrongly</source>
        <translation>找零出错</translation>
    </message>
    <message>
        <source>Payment keyed on the wrong tender</source>
        <translation>支付方式录错</translation>
    </message>
    <message>
        <source>Count result · attempt {0}</source>
        <translation>点钞结果 · 第 {0} 次</translation>
    </message>
    <message>
        <source>Short by {0}</source>
        <translation>短款 {0}</translation>
    </message>
    <message>
        <source>Over by {0}</source>
        <translation>长款 {0}</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>账实相符</translation>
    </message>
    <message>
        <source>Beyond the tolerance: recount, or give a reason; a manager must approve the close.</source>
        <translation>超出允许差额：请重新点钞，或填写原因并由店长批准交班。</translation>
    </message>
    <message>
        <source>Within the tolerance.</source>
        <translation>在允许差额之内。</translation>
    </message>
    <message>
        <source>Give a reason for the difference first.</source>
        <translation>请先填写差异原因。</translation>
    </message>
    <message>
        <source>Close the shift {0}</source>
        <translation>交班（差额 {0}）</translation>
    </message>
    <message>
        <source>No shift is open</source>
        <translation>当前没有开班</translation>
    </message>
    <message>
        <source>You can close the business day of the last shift (Z report).</source>
        <translation>可以为上一个班次的营业日做日结（Z 报表）。</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>已交班</translation>
    </message>
    <message>
        <source>Business day {0}: the shift is closed with {1} over/short. If no other shift works today, close the day now: the Z report is printed and sent to the platform.</source>
        <translation>营业日 {0}：本班已交班，长短款 {1}。如果今天没有其他班次，现在就日结：Z 报表将打印并上传到平台。</translation>
    </message>
    <message>
        <source>Close the business day (Z report)</source>
        <translation>营业日日结（Z 报表）</translation>
    </message>
    <message>
        <source>First count</source>
        <translation>第一次清点</translation>
    </message>
</context>
<context>
    <name>CouponConflictsDialog</name>
    <message>
        <source>Coupon conflicts</source>
        <translation>优惠券冲突</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>平台状态</translation>
    </message>
    <message>
        <source>Settled… (manager)</source>
        <translation>已处理…（店长）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The platform refused these coupon uses: the code was used first elsewhere. The sale stands; settle the discount with the customer or head office, then close it here with a note.</source>
        <translation>平台拒绝了这些优惠券核销：该券已在别处先被使用。交易有效；请与顾客或总部处理优惠差额，然后在此填写说明并关闭。</translation>
    </message>
    <message>
        <source>No open conflicts: the platform accepted every coupon used here.</source>
        <translation>没有未处理的冲突：平台已接受本机使用的所有优惠券。</translation>
    </message>
    <message>
        <source>Pick a conflict first.</source>
        <translation>请先选择一条冲突。</translation>
    </message>
    <message>
        <source>Coupon conflict settled</source>
        <translation>优惠券冲突已处理</translation>
    </message>
    <message>
        <source>How was it settled?</source>
        <translation>是如何处理的？</translation>
    </message>
    <message>
        <source>Customer paid the difference</source>
        <translation>顾客已补差价</translation>
    </message>
    <message>
        <source>Written off by head office</source>
        <translation>总部已核销</translation>
    </message>
    <message>
        <source>Close the conflict of coupon {0}</source>
        <translation>关闭优惠券 {0} 的冲突</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>已关闭。</translation>
    </message>
</context>
<context>
    <name>CouponEntryDialog</name>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Coupon code, e.g. WELCOME10</source>
        <translation>优惠券码，例如 WELCOME10</translation>
    </message>
    <message>
        <source>Add coupon</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the code printed under the coupon&apos;s QR code.</source>
        <translation>请输入优惠券二维码下方印的券码。</translation>
    </message>
</context>
<context>
    <name>CustomerScreen</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>You save</source>
        <translation>为您节省</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Scan to pay with WeChat or Alipay</source>
        <translation>请用微信或支付宝扫码支付</translation>
    </message>
    <message>
        <source>Please pay</source>
        <translation>请付款</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Thank you, see you again</source>
        <translation>谢谢惠顾，欢迎再次光临</translation>
    </message>
    <message>
        <source>Pickup order {0}</source>
        <translation>自提订单 {0}</translation>
    </message>
    <message>
        <source>Your items</source>
        <translation>您的商品</translation>
    </message>
    <message>
        <source>Member {0}</source>
        <translation>会员 {0}</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} 积分</translation>
    </message>
    <message>
        <source>Scan with WeChat to pay</source>
        <translation>请用微信扫码支付</translation>
    </message>
    <message>
        <source>Scan with Alipay to pay</source>
        <translation>请用支付宝扫码支付</translation>
    </message>
    <message>
        <source>Pay by QR</source>
        <translation>扫码支付</translation>
    </message>
</context>
<context>
    <name>DenominationCounter</name>
    <message>
        <source>coin</source>
        <translation>硬币</translation>
    </message>
    <message>
        <source>note</source>
        <translation>纸币</translation>
    </message>
    <message>
        <source>“{0}” is not a whole number of {1} pieces.</source>
        <translation>“{0}”不是有效的 {1} 张/枚数。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Stopping after this page…</source>
        <translation>本页下载完后停止…</translation>
    </message>
    <message>
        <source>Products {0} of {1}</source>
        <translation>商品 {0} / {1}</translation>
    </message>
    <message>
        <source>Download stopped at {0} of {1} products. Resume continues from there.</source>
        <translation>下载已停止：商品 {0} / {1}。点“继续”从这里接着下载。</translation>
    </message>
    <message>
        <source>The download stopped: {0}</source>
        <translation>下载中断：{0}</translation>
    </message>
    <message>
        <source>This address cannot be used: {0}</source>
        <translation>此地址不可用：{0}</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>It works.</source>
        <translation>正常。</translation>
    </message>
    <message>
        <source>It does not work.</source>
        <translation>不正常。</translation>
    </message>
    <message>
        <source>Connect this till to your platform</source>
        <translation>将本收银机连接到平台</translation>
    </message>
    <message>
        <source>Downloading your store</source>
        <translation>正在下载门店数据</translation>
    </message>
    <message>
        <source>Receipt printer and cash drawer</source>
        <translation>小票打印机和钱箱</translation>
    </message>
    <message>
        <source>Welcome to O2O Till</source>
        <translation>欢迎使用 O2O 收银</translation>
    </message>
    <message>
        <source>This till is not set up yet. Choose the language of the till.</source>
        <translation>本收银机尚未设置。请选择收银机的语言。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Enter the platform address and the pairing code head office gave you for this till.</source>
        <translation>请输入平台地址和总部为本收银机提供的配对码。</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>配对码</translation>
    </message>
    <message>
        <source>e.g. 7KQ2-M8TX</source>
        <translation>例如 7KQ2-M8TX</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>No platform yet? The demo store has goods, staff and prices to try the till with.</source>
        <translation>还没有平台？示范门店有商品、员工和价格，可以先试用收银机。</translation>
    </message>
    <message>
        <source>Try the demo store</source>
        <translation>试用示范门店</translation>
    </message>
    <message>
        <source>The till downloads the store profile, tax classes, categories, staff, products, prices and stock. You can stop and resume.</source>
        <translation>收银机正在下载门店资料、税率、品类、员工、商品、价格和库存。可以随时停止并继续。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Enter the addresses of the receipt printer and the cash drawer and try them. preview:// shows receipts on the screen.</source>
        <translation>请输入小票打印机和钱箱的地址并测试。preview:// 表示在屏幕上显示小票。</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Open the drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <source>Save and go to sign-in</source>
        <translation>保存并进入登录</translation>
    </message>
    <message>
        <source>O2O Till · first start</source>
        <translation>O2O 收银 · 首次启动</translation>
    </message>
</context>
<context>
    <name>HardwareScreen</name>
    <message>
        <source>Scan a barcode with the scanner now (waiting up to 15 s)…</source>
        <translation>请现在用扫码枪扫描任意条码（最多等待 15 秒）…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>测试中…</translation>
    </message>
    <message>
        <source>Test page sent to the printer.</source>
        <translation>测试页已发送到打印机。</translation>
    </message>
    <message>
        <source>Open command sent: the drawer should open now.</source>
        <translation>已发送开箱指令：钱箱应当打开。</translation>
    </message>
    <message>
        <source>Last scanned code: {0}</source>
        <translation>最近扫描的条码：{0}</translation>
    </message>
    <message>
        <source>Test text sent: the display should show TOTAL 12.50.</source>
        <translation>已发送测试文字：顾客显示屏应显示 TOTAL 12.50。</translation>
    </message>
    <message>
        <source>The scale works and reads 0.000 kg; put goods on it to see a weight.</source>
        <translation>电子秤正常，读数 0.000 千克；放上商品可查看重量。</translation>
    </message>
    <message>
        <source>The scale reads {0} kg.</source>
        <translation>电子秤读数 {0} 千克。</translation>
    </message>
    <message>
        <source>Enter the device&apos;s address first.</source>
        <translation>请先输入设备地址。</translation>
    </message>
    <message>
        <source>No code yet: scan any barcode, then press the button again.</source>
        <translation>尚未收到条码：请扫描任意条码后再按此按钮。</translation>
    </message>
    <message>
        <source>The address is not valid.</source>
        <translation>地址无效。</translation>
    </message>
    <message>
        <source>The printer cannot be reached.</source>
        <translation>无法连接打印机。</translation>
    </message>
    <message>
        <source>The printer does not take the data.</source>
        <translation>打印机不接收数据。</translation>
    </message>
    <message>
        <source>The connection to the printer dropped.</source>
        <translation>与打印机的连接已断开。</translation>
    </message>
    <message>
        <source>This kind of printer cannot be used on this computer.</source>
        <translation>此电脑不支持这种打印机。</translation>
    </message>
    <message>
        <source>The printer reports a problem.</source>
        <translation>打印机报告故障。</translation>
    </message>
    <message>
        <source>The serial port cannot be used.</source>
        <translation>串口无法使用。</translation>
    </message>
    <message>
        <source>The display settings are not valid.</source>
        <translation>顾客显示屏设置无效。</translation>
    </message>
    <message>
        <source>The display did not respond in time.</source>
        <translation>顾客显示屏未及时响应。</translation>
    </message>
    <message>
        <source>The scale does not answer.</source>
        <translation>电子秤无响应。</translation>
    </message>
    <message>
        <source>The weight is not stable.</source>
        <translation>重量不稳定。</translation>
    </message>
    <message>
        <source>The scale reads below zero.</source>
        <translation>电子秤读数低于零。</translation>
    </message>
    <message>
        <source>The load is over the scale&apos;s capacity.</source>
        <translation>重量超过电子秤量程。</translation>
    </message>
    <message>
        <source>The scale&apos;s answer is not a weight.</source>
        <translation>电子秤返回的不是重量。</translation>
    </message>
    <message>
        <source>The scale is not ready.</source>
        <translation>电子秤未就绪。</translation>
    </message>
    <message>
        <source>No code arrived from the scanner.</source>
        <translation>未收到扫码枪的条码。</translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation>测试失败。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Saved. The till uses the new devices after a restart.</source>
        <translation>已保存。重启收银机后使用新设备。</translation>
    </message>
    <message>
        <source>Not saved: the config file cannot be read or written.</source>
        <translation>未保存：无法读写配置文件。</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <source>Not saved: the address of “{0}” cannot be used.</source>
        <translation>未保存：“{0}”的地址无法使用。</translation>
    </message>
    <message>
        <source>The address of “{0}” cannot be used.</source>
        <translation>“{0}”的地址无法使用。</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件设置</translation>
    </message>
    <message>
        <source>Only an administrator may change the hardware settings. Sign in as an administrator to use this screen.</source>
        <translation>只有管理员可以修改硬件设置。请以管理员身份登录后使用此界面。</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Print test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Show last scan</source>
        <translation>显示最近扫描</translation>
    </message>
    <message>
        <source>Show test text</source>
        <translation>显示测试文字</translation>
    </message>
    <message>
        <source>Read weight</source>
        <translation>读取重量</translation>
    </message>
    <message>
        <source>e.g. tcp://192.168.1.50:9100, or preview:// to print on screen</source>
        <translation>例如 tcp://192.168.1.50:9100，或 preview:// 在屏幕上预览打印</translation>
    </message>
    <message>
        <source>printer (drawer on the printer), a serial address, or empty for none</source>
        <translation>printer（钱箱接在打印机上）、串口地址，或留空表示无钱箱</translation>
    </message>
    <message>
        <source>empty for a keyboard (USB HID) scanner, or serial:///dev/ttyACM0</source>
        <translation>键盘模式（USB HID）扫码枪留空，或 serial:///dev/ttyACM0</translation>
    </message>
    <message>
        <source>e.g. serial:///dev/ttyUSB0?baudrate=9600, or empty for none</source>
        <translation>例如 serial:///dev/ttyUSB0?baudrate=9600，或留空表示无</translation>
    </message>
    <message>
        <source>e.g. serial:///dev/ttyUSB1?baudrate=9600&amp;bytesize=7&amp;parity=E</source>
        <translation>例如 serial:///dev/ttyUSB1?baudrate=9600&amp;bytesize=7&amp;parity=E</translation>
    </message>
    <message>
        <source>Drawer connector pin</source>
        <translation>钱箱接口针脚</translation>
    </message>
    <message>
        <source>Display command set</source>
        <translation>显示屏指令集</translation>
    </message>
    <message>
        <source>Latin (English names)</source>
        <translation>拉丁字符（英文名称）</translation>
    </message>
    <message>
        <source>Characters the display can show</source>
        <translation>显示屏可显示的字符</translation>
    </message>
    <message>
        <source>Pin 2</source>
        <translation>针脚 2</translation>
    </message>
    <message>
        <source>Pin 5</source>
        <translation>针脚 5</translation>
    </message>
    <message>
        <source>Accepted addresses:</source>
        <translation>可用的地址格式：</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The platform&apos;s addresses are filled in: test them, then Save.</source>
        <translation>已填入平台分配的地址：请测试后保存。</translation>
    </message>
    <message>
        <source>The platform has assigned no devices to this till.</source>
        <translation>平台没有为本收银机分配设备。</translation>
    </message>
    <message>
        <source>Devices from the platform</source>
        <translation>使用平台分配的设备</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Pickup console keys</source>
        <translation>自提台按键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>删除一位</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Only {0} can unlock; otherwise sign out.</source>
        <translation>只有 {0} 可以解锁；其他人请先退出登录。</translation>
    </message>
    <message>
        <source>Till locked — {0}</source>
        <translation>收银机已锁屏 — {0}</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign out (the open ticket is kept)</source>
        <translation>退出登录（当前订单保留）</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Enter your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以重新尝试。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {0} seconds.</source>
        <translation>密码错误次数过多，请 {0} 秒后再试。</translation>
    </message>
    <message>
        <source>Sign in to the till</source>
        <translation>收银员登录</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Key the new PIN again.</source>
        <translation>请再输入一次新密码。</translation>
    </message>
    <message>
        <source>The two PINs differ. Choose your new PIN again.</source>
        <translation>两次输入的密码不一致，请重新设置新密码。</translation>
    </message>
    <message>
        <source>Key your PIN and press Enter (or pick your name first, ↑ ↓) — or scan your staff badge.</source>
        <translation>输入密码并按回车（也可先选择姓名，↑ ↓）— 或扫描员工卡。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No shift is open yet: press F10 and count the float to start selling.</source>
        <translation>尚未开班：按 F10 清点备用金后即可收银。</translation>
    </message>
    <message>
        <source>Close the open window before scanning (code {0} not added).</source>
        <translation>请先关闭当前窗口再扫码（条码 {0} 未加入）。</translation>
    </message>
    <message>
        <source>Only an administrator may change the devices.</source>
        <translation>只有管理员可以修改设备设置。</translation>
    </message>
    <message>
        <source>Syncing with the platform now.</source>
        <translation>正在与平台同步。</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Checkout Ctrl+P</source>
        <translation>收银 Ctrl+P</translation>
    </message>
    <message>
        <source>Pickup orders ({0} new) Ctrl+P</source>
        <translation>自提订单（{0} 个新单）Ctrl+P</translation>
    </message>
    <message>
        <source>Pickup orders Ctrl+P</source>
        <translation>自提订单 Ctrl+P</translation>
    </message>
    <message>
        <source>Shift: not open</source>
        <translation>班次：未开班</translation>
    </message>
    <message>
        <source>Shift: {0} from {1}</source>
        <translation>班次：{0}，{1} 起</translation>
    </message>
    <message>
        <source>Shift: unknown</source>
        <translation>班次：状态未知</translation>
    </message>
    <message>
        <source>Platform: unknown</source>
        <translation>平台：状态未知</translation>
    </message>
    <message>
        <source>Printer: unknown</source>
        <translation>打印机：状态未知</translation>
    </message>
    <message>
        <source>O2O Till</source>
        <translation>O2O 收银</translation>
    </message>
    <message>
        <source>Store {0} · Till {1}</source>
        <translation>门店 {0} · 收银台 {1}</translation>
    </message>
    <message>
        <source>Help F1</source>
        <translation>帮助 F1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Printing the receipt again, marked REPRINT.</source>
        <translation>正在重新打印小票（标记为“重打”）。</translation>
    </message>
    <message>
        <source>Only a manager may pair the till with the platform.</source>
        <translation>只有店长可以将收银机与平台配对。</translation>
    </message>
    <message>
        <source>Paired with {0}; syncing now.</source>
        <translation>已与 {0} 配对，正在同步。</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backup saved as {path}</source>
        <translation>备份已保存：{path}</translation>
    </message>
    <message>
        <source>{0} wallet payment(s) left unfinished were settled; see F10, Wallet payments.</source>
        <translation>已处理 {0} 笔上次未完成的钱包支付，详见 F10 “钱包支付待处理”。</translation>
    </message>
    <message>
        <source>Close the till?</source>
        <translation>关闭收银机？</translation>
    </message>
    <message>
        <source>A ticket is on screen. Close the till anyway? It is kept for the next start.</source>
        <translation>屏幕上还有一张小票。仍要关闭收银机吗？小票会保留到下次启动。</translation>
    </message>
    <message>
        <source>A shift is open. Close the till anyway? The shift stays open.</source>
        <translation>班次尚未结束。仍要关闭收银机吗？班次将保持开启。</translation>
    </message>
    <message>
        <source>{0} wallet refund(s) of returns are not confirmed yet; the till keeps retrying.</source>
        <translation>{0} 笔退货的钱包退款尚未确认，收银机会继续重试。</translation>
    </message>
</context>
<context>
    <name>ManagerMenu</name>
    <message>
        <source>Cash in / out, drop</source>
        <extracomment>(id, key, label): the id is the dialog&apos;s result and part of the button&apos;s objectName.</extracomment>
        <translation>收入 / 支出、存入保险箱</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Close shift / day (Z)</source>
        <translation>交班 / 日结（Z 报表）</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Sync with the platform now</source>
        <translation>立即与平台同步</translation>
    </message>
    <message>
        <source>Events the platform refused</source>
        <translation>平台拒收的记录</translation>
    </message>
    <message>
        <source>Devices (printer, drawer, scale)</source>
        <translation>设备：打印机、钱箱、秤</translation>
    </message>
    <message>
        <source>Pickup conflicts</source>
        <translation>自提冲突</translation>
    </message>
    <message>
        <source>Coupon conflicts</source>
        <translation>优惠券冲突</translation>
    </message>
    <message>
        <source>Return conflicts</source>
        <translation>退货冲突</translation>
    </message>
    <message>
        <source>Shift and manager functions</source>
        <translation>班次与店长功能</translation>
    </message>
    <message>
        <source>Pair with the platform again</source>
        <translation>重新与平台配对</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Wallet payments to resolve</source>
        <translation>钱包支付待处理</translation>
    </message>
    <message>
        <source>Open shift (count the float)</source>
        <extracomment>F10 with no shift open: open one, or reach what needs no shift (after a Z, before the first shift).</extracomment>
        <translation>开班（清点备用金）</translation>
    </message>
    <message>
        <source>Member balance conflicts</source>
        <translation>会员余额冲突</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <source>Manager PIN or badge</source>
        <translation>店长密码或工牌</translation>
    </message>
    <message>
        <source>A manager must key a PIN or scan a badge.</source>
        <translation>需要店长输入密码或扫描工牌。</translation>
    </message>
</context>
<context>
    <name>MemberActionsDialog</name>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code</source>
        <translation>扫描顾客的付款码</translation>
    </message>
    <message>
        <source>Top-up amount (¥)</source>
        <translation>充值金额（¥）</translation>
    </message>
    <message>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <source>Top up with cash</source>
        <translation>现金充值</translation>
    </message>
    <message>
        <source>Top up by payment code</source>
        <translation>扫码充值</translation>
    </message>
    <message>
        <source>Take the member off</source>
        <translation>移除会员</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Waiting for the wallet… the balance is credited once the payment is confirmed.</source>
        <translation>正在等待钱包确认……付款确认后才会入账储值。</translation>
    </message>
</context>
<context>
    <name>MemberConflictsDialog</name>
    <message>
        <source>Member balance conflicts</source>
        <translation>会员余额冲突</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>stored value spent</source>
        <translation>储值消费</translation>
    </message>
    <message>
        <source>points redeemed</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <source>{0}: {1} {2} refused by the platform ({3})</source>
        <translation>{0}：{1} {2} 被平台拒绝（{3}）</translation>
    </message>
    <message>
        <source>Settle each with the member (cash or a later top-up).</source>
        <translation>请逐一与会员结清（现金或稍后充值）。</translation>
    </message>
    <message>
        <source>No member balance conflicts.</source>
        <translation>没有会员余额冲突。</translation>
    </message>
</context>
<context>
    <name>MemberIdentifyDialog</name>
    <message>
        <source>Identify member</source>
        <translation>识别会员</translation>
    </message>
    <message>
        <source>Scan the member code or card, or type the mobile number or its last 4 digits</source>
        <translation>扫会员码或会员卡，或输入手机号或手机尾号4位</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Sign up…</source>
        <translation>注册会员…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Looking the member up…</source>
        <translation>正在查找会员…</translation>
    </message>
    <message>
        <source>{0} members end with these digits: ask the member which one, then press Enter.</source>
        <translation>有 {0} 位会员的手机尾号相同：请向会员确认是哪一位，然后按回车。</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>Member</source>
        <extracomment>The member shown (a MemberView, masked) or None: the customer screen follows it.</extracomment>
        <translation>会员</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <source>pending (sign-up sent)</source>
        <translation>待确认（注册已提交）</translation>
    </message>
</context>
<context>
    <name>MemberSignupDialog</name>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>The customer has read and agrees to the store&apos;s membership terms and privacy notice</source>
        <translation>顾客已阅读并同意本店会员条款及隐私政策</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>姓名（可选）</translation>
    </message>
    <message>
        <source>Sign up</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Count the starting float in the drawer: how many of each note and coin?</source>
        <translation>清点钱箱中的备用金：每种面额各有多少张/枚？</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Still due: {0}   (cash: {1})</source>
        <translation>待付：{0}   （现金：{1}）</translation>
    </message>
    <message>
        <source>change {0}</source>
        <translation>找零 {0}</translation>
    </message>
    <message>
        <source>Exact {0}</source>
        <translation>付足 {0}</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>QR shown: waiting for the customer to scan and pay… {0} s</source>
        <translation>已显示收款码：等待顾客扫码支付… {0} 秒</translation>
    </message>
    <message>
        <source>Asking the wallet for a QR… {0} s</source>
        <translation>正在获取收款码… {0} 秒</translation>
    </message>
    <message>
        <source>The QR payment was closed (cancelled, expired or not created); nothing was charged.</source>
        <translation>扫码支付已关闭（已撤销、已过期或未创建），未扣款。</translation>
    </message>
    <message>
        <source>Key in the reference number from the card terminal slip.</source>
        <translation>请输入刷卡小票上的参考号。</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>小票号 {0}</translation>
    </message>
    <message>
        <source>New sale (Enter)</source>
        <translation>下一单（回车）</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应收金额</translation>
    </message>
    <message>
        <source>Amount received</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>Card slip reference no.</source>
        <translation>刷卡小票参考号</translation>
    </message>
    <message>
        <source>Cash (Enter)</source>
        <translation>现金（回车）</translation>
    </message>
    <message>
        <source>Remove payment</source>
        <translation>删除付款</translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation>完成交易</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回（Esc）</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>UnionPay QR</source>
        <translation>云闪付</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code now.</source>
        <translation>请扫描顾客的付款码。</translation>
    </message>
    <message>
        <source>Cancelling: giving the money back to the customer… {0} s</source>
        <translation>正在撤销：退款给顾客… {0} 秒</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm on their phone… {0} s</source>
        <translation>等待顾客在手机上确认支付… {0} 秒</translation>
    </message>
    <message>
        <source>Cancelling: giving the money back to the customer…</source>
        <translation>正在撤销：退款给顾客…</translation>
    </message>
    <message>
        <source>The {0} payment failed ({1}). Ask for another payment method.</source>
        <translation>{0}支付失败（{1}）。请顾客换一种支付方式。</translation>
    </message>
    <message>
        <source>The wallet payment was cancelled; nothing was charged.</source>
        <translation>钱包支付已撤销，顾客未被扣款。</translation>
    </message>
    <message>
        <source>The wallet has not confirmed giving the money back yet; the till keeps trying (F10, Wallet payments).</source>
        <translation>钱包尚未确认退款，收银机会继续重试（F10 “钱包支付待处理”）。</translation>
    </message>
    <message>
        <source>Bank card (F3)</source>
        <translation>银行卡 (F3)</translation>
    </message>
    <message>
        <source>Card: key in the reference no. printed on the terminal slip, then Bank card.</source>
        <translation>银行卡：输入刷卡小票上的凭证号，再按“银行卡”。</translation>
    </message>
    <message>
        <source>Scan payment code (F2)</source>
        <translation>扫付款码 (F2)</translation>
    </message>
    <message>
        <source>Customer payment code</source>
        <translation>顾客付款码</translation>
    </message>
    <message>
        <source>Cancel wallet payment</source>
        <translation>撤销钱包支付</translation>
    </message>
    <message>
        <source>Key in the amount to pay with the member&apos;s points or stored value.</source>
        <translation>请输入用会员积分或储值支付的金额。</translation>
    </message>
    <message>
        <source>Stored value {0} offline, above the cap</source>
        <translation>离线储值支付 {0}，超出限额</translation>
    </message>
    <message>
        <source>offline stored value cap</source>
        <translation>离线储值限额</translation>
    </message>
    <message>
        <source>Member points</source>
        <translation>会员积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值支付</translation>
    </message>
</context>
<context>
    <name>PickupConflictsDialog</name>
    <message>
        <source>Pickup conflicts</source>
        <translation>自提冲突</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>平台状态</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Settled… (manager)</source>
        <translation>已处理…（店长）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The platform refused these pickup changes. Settle each with the customer or head office, then close it here with a note.</source>
        <translation>平台拒绝了以下自提变更。请与顾客或总部逐一处理，然后在此填写说明并关闭。</translation>
    </message>
    <message>
        <source>No open conflicts: the platform accepted every pickup change.</source>
        <translation>没有未处理的冲突：平台已接受所有自提变更。</translation>
    </message>
    <message>
        <source>Pick a conflict first.</source>
        <translation>请先选择一条冲突。</translation>
    </message>
    <message>
        <source>Conflict settled</source>
        <translation>冲突已处理</translation>
    </message>
    <message>
        <source>How was it settled?</source>
        <translation>是如何处理的？</translation>
    </message>
    <message>
        <source>Refunded by head office</source>
        <translation>总部已退款</translation>
    </message>
    <message>
        <source>Goods returned to the shelf</source>
        <translation>商品已放回货架</translation>
    </message>
    <message>
        <source>Close conflict of order {0}</source>
        <translation>关闭订单 {0} 的冲突</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>已关闭。</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>Order {order} is not at this till yet.</source>
        <translation>订单 {order} 尚未同步到本收银机。</translation>
    </message>
    <message>
        <source>This pickup QR code is damaged; key in the 6-digit code.</source>
        <translation>取货二维码已损坏，请输入 6 位取货码。</translation>
    </message>
    <message>
        <source>Code {code} matches no order.</source>
        <translation>取货码 {code} 没有对应的订单。</translation>
    </message>
    <message>
        <source>Wrong code for order {order_no}. {attempts_left} attempts left.</source>
        <translation>订单 {order_no} 的取货码错误，还可尝试 {attempts_left} 次。</translation>
    </message>
    <message>
        <source>Order {order_no} is locked after too many wrong codes. Call a manager.</source>
        <translation>订单 {order_no} 因多次输错取货码已锁定，请联系店长。</translation>
    </message>
    <message>
        <source>This code was already used: order {order_no} is collected.</source>
        <translation>该取货码已使用：订单 {order_no} 已取货。</translation>
    </message>
    <message>
        <source>Order {order_no} is cancelled. Do not hand anything over.</source>
        <translation>订单 {order_no} 已取消，请勿交付商品。</translation>
    </message>
    <message>
        <source>Order {order_no} has expired. Do not hand anything over.</source>
        <translation>订单 {order_no} 已过期，请勿交付商品。</translation>
    </message>
    <message>
        <source>Order {order_no} is not ready yet.</source>
        <translation>订单 {order_no} 尚未备货完成。</translation>
    </message>
    <message>
        <source>Not possible for order {order_no} now.</source>
        <translation>订单 {order_no} 当前无法进行此操作。</translation>
    </message>
    <message>
        <source>Press Start picking for order {order_no} first.</source>
        <translation>请先为订单 {order_no} 点击“开始拣货”。</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>请先选择一个订单。</translation>
    </message>
    <message>
        <source>{name} is not in order {order_no}. Put it back.</source>
        <translation>{name} 不在订单 {order_no} 中，请放回。</translation>
    </message>
    <message>
        <source>Too many: the order has {ordered} of {name}, {picked} already picked.</source>
        <translation>数量过多：订单中 {name} 共 {ordered} 件，已拣 {picked} 件。</translation>
    </message>
    <message>
        <source>Code {code} is not an item or a pickup code.</source>
        <translation>条码 {code} 既不是商品也不是取货码。</translation>
    </message>
    <message>
        <source>{name} is not fully picked: pick it or short-pick it.</source>
        <translation>{name} 未拣齐：请拣货或登记缺货。</translation>
    </message>
    <message>
        <source>Nothing is picked yet.</source>
        <translation>还没有拣任何商品。</translation>
    </message>
    <message>
        <source>Scan or key in the customer&apos;s pickup code first.</source>
        <translation>请先扫描或输入顾客的取货码。</translation>
    </message>
    <message>
        <source>Tick the lines to hand over.</source>
        <translation>请勾选要交付的商品行。</translation>
    </message>
    <message>
        <source>Only {outstanding} of {name} can be handed over.</source>
        <translation>{name} 最多只能交付 {outstanding} 件。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a bag count from 1 to 99.</source>
        <translation>“{value}”不是 1 到 99 之间的袋数。</translation>
    </message>
    <message>
        <source>That line is no longer in order {order_no}; reload the order.</source>
        <translation>订单 {order_no} 中已没有这一行，请重新载入订单。</translation>
    </message>
    <message>
        <source>That conflict was already dealt with.</source>
        <translation>该冲突已处理。</translation>
    </message>
    <message>
        <source>Order {order_no} is not being paid on this ticket; press Take payment on the pickup screen.</source>
        <translation>订单 {order_no} 不在本单收款中，请在自提界面按“收款”。</translation>
    </message>
    <message>
        <source>Order {order_no} is paid at the store: press Take payment.</source>
        <translation>订单 {order_no} 为到店付款：请点击“收款”。</translation>
    </message>
    <message>
        <source>Order {order_no} is paid online: press Hand over.</source>
        <translation>订单 {order_no} 已在线支付：请点击“交付”。</translation>
    </message>
    <message>
        <source>The checkout ticket is not empty. Finish or hold it first.</source>
        <translation>收银订单不为空，请先完成或挂单。</translation>
    </message>
    <message>
        <source>Order {order_no} is not past its deadline.</source>
        <translation>订单 {order_no} 尚未超过取货期限。</translation>
    </message>
    <message>
        <source>A manager must approve this.</source>
        <translation>此操作需要店长授权。</translation>
    </message>
    <message>
        <source>Code {code} matches no order. {attempts_left} attempts left, then code entry locks.</source>
        <translation>取货码 {code} 不匹配任何订单。还可尝试 {attempts_left} 次，之后将锁定取货码输入。</translation>
    </message>
    <message>
        <source>Too many wrong codes. Select the customer&apos;s order first, or call a manager to unlock.</source>
        <translation>错误取货码次数过多。请先选择顾客的订单，或请店长解锁。</translation>
    </message>
    <message>
        <source>This till cannot check pickup QR codes yet. Sync, or key in the 6-digit code.</source>
        <translation>本收银台暂时无法核验取货二维码。请同步，或输入 6 位取货码。</translation>
    </message>
    <message>
        <source>The code of order {order_no} can only be checked online now. Scan the customer&apos;s QR.</source>
        <translation>订单 {order_no} 的取货码目前只能在线核验。请扫描顾客的二维码。</translation>
    </message>
    <message>
        <source>Order {order_no} is being picked at till {till} ({name}). Leave it to them, or ask a manager to take it over.</source>
        <translation>订单 {order_no} 正在收银台 {till}（{name}）拣货。请交给对方处理，或请店长接管。</translation>
    </message>
    <message>
        <source>Select an order on the left, or scan the customer&apos;s pickup code.</source>
        <translation>请在左侧选择订单，或扫描顾客的取货码。</translation>
    </message>
    <message>
        <source>pay at store</source>
        <translation>到店付款</translation>
    </message>
    <message>
        <source>paid online</source>
        <translation>已在线支付</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>{0} · {1} {2} · {3} · {4} · until {5}{6}</source>
        <translation>{0} · {1} {2} · {3} · {4} · 截止 {5}{6}</translation>
    </message>
    <message>
        <source>pcs</source>
        <translation>件</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <source>Picked {0} × {1}.</source>
        <translation>已拣 {0} × {1}。</translation>
    </message>
    <message>
        <source>Key in the customer&apos;s 6-digit code, then press Check code.</source>
        <translation>输入顾客的 6 位取货码，然后点击“核验取货码”。</translation>
    </message>
    <message>
        <source>Order {0} is ready for pickup.</source>
        <translation>订单 {0} 已备好，可取货。</translation>
    </message>
    <message>
        <source>Select a line first.</source>
        <translation>请先选择一行。</translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>登记缺货</translation>
    </message>
    <message>
        <source>being picked at till {0}</source>
        <translation>正在收银台 {0} 拣货</translation>
    </message>
    <message>
        <source>Customer&apos;s note: {0}</source>
        <translation>顾客备注：{0}</translation>
    </message>
    <message>
        <source>Pay at store: {0} due for the ticked lines ({1} for all outstanding).</source>
        <translation>到店付：勾选商品应付 {0}（未交付商品共 {1}）。</translation>
    </message>
    <message>
        <source>Code correct: order {0} for {1}. {2} due: press Take payment (F12).</source>
        <translation>取货码正确：订单 {0}，顾客 {1}。应付 {2}：请按“收款”(F12)。</translation>
    </message>
    <message>
        <source>Code correct: order {0} for {1}. Hand over the ticked lines (F10).</source>
        <translation>取货码正确：订单 {0}，顾客 {1}。请交付勾选的商品 (F10)。</translation>
    </message>
    <message>
        <source>Take order {0} over from the other till</source>
        <translation>从另一台收银机接手订单 {0}</translation>
    </message>
    <message>
        <source>Why is less than ordered picked?</source>
        <translation>为什么拣货数量少于订购数量？</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Expired on the shelf</source>
        <translation>货架上已过期</translation>
    </message>
    <message>
        <source>Cancel line</source>
        <translation>取消该行</translation>
    </message>
    <message>
        <source>Why is this line not handed over?</source>
        <translation>为什么该行不交付？</translation>
    </message>
    <message>
        <source>Customer does not want it</source>
        <translation>顾客不要了</translation>
    </message>
    <message>
        <source>Part of order {0} handed over; the rest stays on the pickup shelf.</source>
        <translation>订单 {0} 已部分交付，其余商品留在自提货架上。</translation>
    </message>
    <message>
        <source>Order {0} handed over.</source>
        <translation>订单 {0} 已交付。</translation>
    </message>
    <message>
        <source>The order is on the checkout ticket: take the payment on the sale screen.</source>
        <translation>订单已加入收银单，请在收银界面收款。</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Expire order {0}: goods back to stock</source>
        <translation>将订单 {0} 置为过期：商品退回库存</translation>
    </message>
    <message>
        <source>Unlock typing pickup codes without an order</source>
        <translation>解锁：不选订单直接输入取货码</translation>
    </message>
    <message>
        <source>Unlock order {0} after wrong codes</source>
        <translation>解锁因取货码输错而锁定的订单 {0}</translation>
    </message>
    <message>
        <source>Cancelled online: {0}. Put the goods back on the shelf.</source>
        <translation>线上已取消：{0}。请将商品放回货架。</translation>
    </message>
    <message>
        <source>New pickup order: {0}</source>
        <translation>新的自提订单：{0}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>待取货</translation>
    </message>
    <message>
        <source>Partly collected</source>
        <translation>部分取货</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已取货</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Scan an item or a pickup code</source>
        <translation>扫描商品或取货码</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>取货期限</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>Handed
over</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PromotionWhy</name>
    <message>
        <source>Not started yet.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <source>Already ended.</source>
        <translation>已经结束。</translation>
    </message>
    <message>
        <source>Not on this day of the week.</source>
        <translation>今天（星期）不参加。</translation>
    </message>
    <message>
        <source>Only from {0} to {1}.</source>
        <translation>仅限 {0} 至 {1}。</translation>
    </message>
    <message>
        <source>Not run in this store.</source>
        <translation>本门店不参加。</translation>
    </message>
    <message>
        <source>Not run at the till.</source>
        <translation>收银台渠道不参加。</translation>
    </message>
    <message>
        <source>Members only: no member on the ticket.</source>
        <translation>仅限会员：本单没有会员。</translation>
    </message>
    <message>
        <source>Only for member tiers {0}.</source>
        <translation>仅限会员等级 {0}。</translation>
    </message>
    <message>
        <source>The member already used it {0} times today.</source>
        <translation>该会员今天已使用 {0} 次。</translation>
    </message>
    <message>
        <source>Needs {0} qualifying items; the ticket has {1}.</source>
        <translation>需要 {0} 件参加商品，本单只有 {1} 件。</translation>
    </message>
    <message>
        <source>Needs {0} more (from {1}).</source>
        <translation>还差 {0}（满 {1} 起）。</translation>
    </message>
    <message>
        <source>Its limit of {0} per ticket is reached.</source>
        <translation>已达每单限 {0} 次。</translation>
    </message>
    <message>
        <source>Only one of its group applies: {0} saves more.</source>
        <translation>同组活动只能参加一个：{0} 更优惠。</translation>
    </message>
    <message>
        <source>Does not combine with {0}, which saves more.</source>
        <translation>不能与 {0} 同享，后者更优惠。</translation>
    </message>
    <message>
        <source>Another combination saves the customer more.</source>
        <translation>其他活动组合对顾客更优惠。</translation>
    </message>
    <message>
        <source>Saves nothing on this ticket.</source>
        <translation>对本单没有优惠。</translation>
    </message>
    <message>
        <source>Applied to other items of the ticket.</source>
        <translation>已用于本单的其他商品。</translation>
    </message>
    <message>
        <source>This line was re-priced or discounted by hand; promotions do not apply.</source>
        <translation>此行已手工改价或折扣，不参加促销。</translation>
    </message>
    <message>
        <source>Did not apply ({0}).</source>
        <translation>未参加（{0}）。</translation>
    </message>
</context>
<context>
    <name>PromotionWhyDialog</name>
    <message>
        <source>Why no promotion</source>
        <translation>为何没有优惠</translation>
    </message>
    <message>
        <source>Promotions for {0}</source>
        <translation>{0} 的促销活动</translation>
    </message>
    <message>
        <source>No promotion looks at this item.</source>
        <translation>没有促销活动包含此商品。</translation>
    </message>
</context>
<context>
    <name>QrPaymentPanel</name>
    <message>
        <source>Show QR to customer (F4)</source>
        <translation>出示收款码 (F4)</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>The customer may also scan this copy</source>
        <translation>顾客也可扫描此处的收款码</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Recall a held ticket</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0} 件</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <source>Reprint sent to the printer.</source>
        <translation>已发送重打小票。</translation>
    </message>
    <message>
        <source>Last receipt</source>
        <translation>上一张小票</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>No receipt yet</source>
        <translation>暂无小票</translation>
    </message>
</context>
<context>
    <name>RefusedEventsDialog</name>
    <message>
        <source>Events the platform refused</source>
        <translation>平台拒收的记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Nothing is waiting: the platform accepted everything.</source>
        <translation>没有待处理的记录：平台已全部接收。</translation>
    </message>
    <message>
        <source>Pick an event first.</source>
        <translation>请先选择一条记录。</translation>
    </message>
    <message>
        <source>Queued to send again.</source>
        <translation>已排队重新发送。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Why is it discarded?</source>
        <translation>作废原因？</translation>
    </message>
    <message>
        <source>Discarded.</source>
        <translation>已作废。</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>Pair with the platform again</source>
        <translation>重新与平台配对</translation>
    </message>
    <message>
        <source>Pairing again replaces this till&apos;s platform token. The {0} events waiting to be sent are kept and are sent to the platform after pairing. Continue?</source>
        <translation>重新配对会替换本收银机的平台令牌。待发送的 {0} 条记录会保留，配对后发送到平台。是否继续？</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>配对码</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>配对</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Z report (day closed)</source>
        <translation>Z 报表（已日结）</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>X 报表（本班至今）</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Z report No. {0} · business day {1}</source>
        <translation>Z 报表 第 {0} 号 · 营业日 {1}</translation>
    </message>
    <message>
        <source>X report · business day {0}</source>
        <translation>X 报表 · 营业日 {0}</translation>
    </message>
    <message>
        <source>A copy of Z report No. {0} was sent to the printer.</source>
        <translation>Z 报表 第 {0} 号的副本已发送到打印机。</translation>
    </message>
    <message>
        <source>The X report was sent to the printer.</source>
        <translation>X 报表已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Sales by hour</source>
        <translation>分时销售</translation>
    </message>
    <message>
        <source>Payment mix</source>
        <translation>支付方式构成</translation>
    </message>
    <message>
        <source>Top products</source>
        <translation>畅销商品</translation>
    </message>
    <message>
        <source>Cashiers</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>长短款</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>点钞次数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Sales by hour · {0}</source>
        <translation>分时销售 · {0}</translation>
    </message>
    <message>
        <source>Nothing to export: load a report with rows first.</source>
        <translation>没有可导出的数据：请先查询出有数据的报表。</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>The file could not be written: {0}</source>
        <translation>文件无法写入：{0}</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>原小票</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>无小票</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Returns · {0}</source>
        <translation>退货 · {0}</translation>
    </message>
</context>
<context>
    <name>ReturnConflictsDialog</name>
    <message>
        <source>Return conflicts</source>
        <translation>退货冲突</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Platform says</source>
        <translation>平台说明</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The platform reports these returns refunded more than was left of the sale: the units were returned at another till while this one was offline. The return stands; settle the difference with head office.</source>
        <translation>平台报告这些退货退款超过了原销售剩余可退数量：本收银机离线时，这些商品已在其他收银机退过。退货有效，请与总部结清差额。</translation>
    </message>
    <message>
        <source>No return conflicts: the platform accepted every return made here.</source>
        <translation>没有退货冲突：平台已接受本机的所有退货。</translation>
    </message>
    <message>
        <source>Pick a conflict first.</source>
        <translation>请先选择一条冲突。</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return / exchange</source>
        <extracomment>With a member on the ticket, the refund may go to the member&apos;s stored value instead of cash.</extracomment>
        <translation>退货 / 换货</translation>
    </message>
    <message>
        <source>Scan the receipt or type its number (or an online order number)</source>
        <translation>扫描小票或输入单号（或线上订单号）</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>No receipt…</source>
        <translation>无小票退货…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation>可退</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>商品条码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Refund all in cash (manager)</source>
        <translation>全部退现金（需经理）</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Changed mind</source>
        <translation>不想要了</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>买错了</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>商品损坏</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>another till or an online order</source>
        <translation>其他收银台或线上订单</translation>
    </message>
    <message>
        <source>this till</source>
        <translation>本收银台</translation>
    </message>
    <message>
        <source>Receipt {0} of {1} ({2})</source>
        <translation>小票 {0}，{1}（{2}）</translation>
    </message>
    <message>
        <source>Pick the quantities to return.</source>
        <translation>请选择退货数量。</translation>
    </message>
    <message>
        <source>nothing to pay back</source>
        <translation>无需退款</translation>
    </message>
    <message>
        <source>Refund {0}: {1}</source>
        <translation>退款 {0}：{1}</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>UnionPay QR</source>
        <translation>云闪付</translation>
    </message>
    <message>
        <source>{0} back to {1}</source>
        <translation>{0} 原路退回{1}</translation>
    </message>
    <message>
        <source>{0} to the bank card (slip {1})</source>
        <translation>{0} 退回银行卡（凭证号 {1}）</translation>
    </message>
    <message>
        <source>{0} back to the online payment</source>
        <translation>{0} 原路退回线上支付</translation>
    </message>
    <message>
        <source>{0} back to stored value</source>
        <translation>{0} 退回储值</translation>
    </message>
    <message>
        <source>{0} back as the points redeemed</source>
        <translation>{0} 以积分退回(原积分抵扣)</translation>
    </message>
    <message>
        <source>{0} in cash</source>
        <translation>{0} 退现金</translation>
    </message>
    <message>
        <source>Scan the receipt first.</source>
        <translation>请先扫描小票。</translation>
    </message>
    <message>
        <source>Refund this return in cash</source>
        <translation>本次退货退现金</translation>
    </message>
    <message>
        <source>Return {0} saved.</source>
        <translation>退货单 {0} 已保存。</translation>
    </message>
    <message>
        <source>The wallet refund is not confirmed yet; the till retries it.</source>
        <translation>钱包退款尚未确认，收银机会自动重试。</translation>
    </message>
    <message>
        <source>Cash to give back: {0}</source>
        <translation>应退现金：{0}</translation>
    </message>
    <message>
        <source>Return without a receipt</source>
        <translation>无小票退货</translation>
    </message>
    <message>
        <source>No receipt: scan the item. The refund is in cash, at the store&apos;s rule price.</source>
        <translation>无小票：请扫描商品。按门店规则价格退现金。</translation>
    </message>
    <message>
        <source>Refund to the stored value of {0} {1}</source>
        <translation>退到会员 {0} {1} 的储值</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <source>Select an item on the ticket first (↑ ↓).</source>
        <translation>请先在订单中选择商品（↑ ↓）。</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Weight of {0} in kg:</source>
        <translation>{0} 的重量（千克）：</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>New quantity for {0}:</source>
        <translation>{0} 的新数量：</translation>
    </message>
    <message>
        <source>Void {0}</source>
        <translation>作废 {0}</translation>
    </message>
    <message>
        <source>Damaged packaging</source>
        <translation>包装破损</translation>
    </message>
    <message>
        <source>Price label differs</source>
        <translation>标价不符</translation>
    </message>
    <message>
        <source>Near expiry</source>
        <translation>临期商品</translation>
    </message>
    <message>
        <source>Price match</source>
        <translation>价格匹配</translation>
    </message>
    <message>
        <source>Change price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>New unit price for {0} (now {1}):</source>
        <translation>{0} 的新单价（现价 {1}）：</translation>
    </message>
    <message>
        <source>Change the price of {0} to {1}</source>
        <translation>将 {0} 的价格改为 {1}</translation>
    </message>
    <message>
        <source>Ticket discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Discount on the whole ticket: an amount (5 or 5.00) or a percentage (10%).</source>
        <translation>整单优惠：输入金额（5 或 5.00）或百分比（10%）。</translation>
    </message>
    <message>
        <source>Ticket discount {0}</source>
        <translation>整单折扣 {0}</translation>
    </message>
    <message>
        <source>Undo the last change on the ticket</source>
        <translation>撤销小票上的上一步操作</translation>
    </message>
    <message>
        <source>Last change undone.</source>
        <translation>已撤销上一步操作。</translation>
    </message>
    <message>
        <source>See why a promotion did not apply</source>
        <translation>查看促销未生效的原因</translation>
    </message>
    <message>
        <source>Ticket held. Recall it with F8.</source>
        <translation>已挂单，按 F8 取单。</translation>
    </message>
    <message>
        <source>There are no held tickets.</source>
        <translation>没有挂起的订单。</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Why is the drawer opened without a sale?</source>
        <translation>为什么在无交易时打开钱箱？</translation>
    </message>
    <message>
        <source>Change for a customer</source>
        <translation>为顾客换零钱</translation>
    </message>
    <message>
        <source>Count the float</source>
        <translation>清点备用金</translation>
    </message>
    <message>
        <source>Cash pickup</source>
        <translation>收取现金（解款）</translation>
    </message>
    <message>
        <source>Open the cash drawer (no sale)</source>
        <translation>打开钱箱（无交易）</translation>
    </message>
    <message>
        <source>Drawer opened.</source>
        <translation>钱箱已打开。</translation>
    </message>
    <message>
        <source>Shift opened with a float of {0}.</source>
        <translation>已开班，备用金 {0}。</translation>
    </message>
    <message>
        <source>Sale {0} completed. Change {1}.</source>
        <translation>交易 {0} 已完成，找零 {1}。</translation>
    </message>
    <message>
        <source>Return {0} saved.</source>
        <translation>退货单 {0} 已保存。</translation>
    </message>
    <message>
        <source>Stored value topped up by {0}: cash in the drawer.</source>
        <translation>储值已充值 {0}：现金已入钱箱。</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan or key in a barcode, then Enter</source>
        <translation>扫码或输入条码后按回车</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Incl. tax</source>
        <translation>含税</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Why no promotion?</source>
        <translation>为何没有优惠？</translation>
    </message>
    <message>
        <source>You save</source>
        <translation>已优惠</translation>
    </message>
    <message>
        <source>Business day {0} (calendar date {1})</source>
        <translation>营业日 {0}（日历日期 {1}）</translation>
    </message>
    <message>
        <source>Return / exchange</source>
        <translation>退货 / 换货</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Find item</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>Name, pinyin initials, SKU or barcode</source>
        <translation>商品名、拼音首字母、货号或条码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>{0} found</source>
        <translation>找到 {0} 个</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>WalletPayments</name>
    <message>
        <source>not sent</source>
        <translation>未发出</translation>
    </message>
    <message>
        <source>sent, no answer yet</source>
        <translation>已发出，尚无应答</translation>
    </message>
    <message>
        <source>customer confirming</source>
        <translation>顾客确认中</translation>
    </message>
    <message>
        <source>paid, sale not completed</source>
        <translation>已付款，销售未完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>giving the money back</source>
        <translation>退款中</translation>
    </message>
    <message>
        <source>given back</source>
        <translation>已退款</translation>
    </message>
</context>
<context>
    <name>WalletPaymentsDialog</name>
    <message>
        <source>Wallet payments to resolve</source>
        <translation>钱包支付待处理</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>应答码</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Accept with a reason…</source>
        <translation>填写原因后接受…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Every wallet payment is final: nothing to resolve.</source>
        <translation>所有钱包支付均已完结，无需处理。</translation>
    </message>
    <message>
        <source>Pick a payment first.</source>
        <translation>请先选择一笔支付。</translation>
    </message>
    <message>
        <source>Asking the wallet…</source>
        <translation>正在查询钱包…</translation>
    </message>
    <message>
        <source>Now: {0}.</source>
        <translation>当前：{0}。</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Why is it accepted unresolved?</source>
        <translation>为什么在未完结时接受？</translation>
    </message>
    <message>
        <source>Accept wallet payment {0}</source>
        <translation>接受钱包支付 {0}</translation>
    </message>
    <message>
        <source>Accepted.</source>
        <translation>已接受。</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>“{value}” is not a valid amount.</source>
        <translation>“{value}”不是有效金额。</translation>
    </message>
    <message>
        <source>The amount {value} must not be negative.</source>
        <translation>金额 {value} 不能为负数。</translation>
    </message>
    <message>
        <source>The amount {value} has more than {places} decimal places.</source>
        <translation>金额 {value} 的小数超过 {places} 位。</translation>
    </message>
    <message>
        <source>The amount {value} is above the maximum of {maximum}.</source>
        <translation>金额 {value} 超过上限 {maximum}。</translation>
    </message>
    <message>
        <source>The scanned code is empty. Scan again.</source>
        <translation>扫描到的条码为空，请重新扫描。</translation>
    </message>
    <message>
        <source>Code {code} has a wrong check digit. Scan it again or key it in.</source>
        <translation>条码 {code} 校验位错误，请重新扫描或手工输入。</translation>
    </message>
    <message>
        <source>Code {code} has {length} digits; no barcode has that length.</source>
        <translation>条码 {code} 有 {length} 位，没有这种长度的条码。</translation>
    </message>
    <message>
        <source>Code “{code}” is not a barcode this till recognises.</source>
        <translation>无法识别条码“{code}”。</translation>
    </message>
    <message>
        <source>No product with code {code}. Search with F2 or ask a manager.</source>
        <translation>没有条码为 {code} 的商品。请按 F2 查找或联系店长。</translation>
    </message>
    <message>
        <source>{name} is no longer sold.</source>
        <translation>{name} 已停售。</translation>
    </message>
    <message>
        <source>Code {code} is not an item ({kind}); it cannot be sold here.</source>
        <translation>条码 {code} 不是商品（{kind}），不能在此销售。</translation>
    </message>
    <message>
        <source>Wrong PIN. {attempts_left} attempts left.</source>
        <translation>密码错误，还可以尝试 {attempts_left} 次。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds_left} seconds.</source>
        <translation>密码错误次数过多，请 {seconds_left} 秒后再试。</translation>
    </message>
    <message>
        <source>This staff member or badge is not known at this till.</source>
        <translation>本收银机没有该员工或工牌。</translation>
    </message>
    <message>
        <source>{name} may not approve this action.</source>
        <translation>{name} 无权授权此操作。</translation>
    </message>
    <message>
        <source>That PIN or badge is not a manager&apos;s.</source>
        <translation>该密码或工牌不属于店长。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>密码为 4 到 8 位数字。</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>A manager must approve this.</source>
        <translation>此操作需要店长授权。</translation>
    </message>
    <message>
        <source>You may not do this; a manager must approve.</source>
        <translation>您无权进行此操作，需要店长授权。</translation>
    </message>
    <message>
        <source>The manager approval is not valid: {reason}.</source>
        <translation>店长授权无效：{reason}。</translation>
    </message>
    <message>
        <source>“{value}” is not a valid quantity.</source>
        <translation>“{value}”不是有效数量。</translation>
    </message>
    <message>
        <source>The quantity must be greater than zero.</source>
        <translation>数量必须大于零。</translation>
    </message>
    <message>
        <source>{value} is not a whole number of pieces.</source>
        <translation>{value} 不是整数件数。</translation>
    </message>
    <message>
        <source>The weight {value} has more than 3 decimals.</source>
        <translation>重量 {value} 的小数超过 3 位。</translation>
    </message>
    <message>
        <source>The quantity {value} is above the maximum of {maximum}.</source>
        <translation>数量 {value} 超过上限 {maximum}。</translation>
    </message>
    <message>
        <source>This item is sold by weight: weigh it or scan its scale label.</source>
        <translation>该商品按重量销售：请称重或扫描秤签。</translation>
    </message>
    <message>
        <source>The price {value} must not be below zero.</source>
        <translation>价格 {value} 不能低于零。</translation>
    </message>
    <message>
        <source>A price change needs a reason.</source>
        <translation>改价需要填写原因。</translation>
    </message>
    <message>
        <source>The discount {value} is not valid: {reason}.</source>
        <translation>折扣 {value} 无效：{reason}。</translation>
    </message>
    <message>
        <source>The discount {discount} is more than the amount {amount}.</source>
        <translation>优惠 {discount} 超过了金额 {amount}。</translation>
    </message>
    <message>
        <source>That line is no longer on the ticket.</source>
        <translation>该商品行已不在订单中。</translation>
    </message>
    <message>
        <source>That line is voided and cannot be changed.</source>
        <translation>该商品行已作废，不能修改。</translation>
    </message>
    <message>
        <source>This ticket is closed and can no longer be changed.</source>
        <translation>该订单已关闭，不能再修改。</translation>
    </message>
    <message>
        <source>The ticket already has payments; remove them before changing items.</source>
        <translation>订单已有付款，修改商品前请先删除付款。</translation>
    </message>
    <message>
        <source>{remaining} is still due.</source>
        <translation>还需支付 {remaining}。</translation>
    </message>
    <message>
        <source>A ticket with payments cannot be held; remove the payments first.</source>
        <translation>已有付款的订单不能挂单，请先删除付款。</translation>
    </message>
    <message>
        <source>That held ticket is no longer available.</source>
        <translation>该挂单已不存在。</translation>
    </message>
    <message>
        <source>This ticket was already completed as receipt {receipt_no}.</source>
        <translation>该订单已完成，小票号 {receipt_no}。</translation>
    </message>
    <message>
        <source>Payment method “{kind}” is not set up on this till.</source>
        <translation>本收银机未设置支付方式“{kind}”。</translation>
    </message>
    <message>
        <source>The ticket has no items. Scan something before paying.</source>
        <translation>订单中没有商品，请先扫码再结算。</translation>
    </message>
    <message>
        <source>The payment amount {value} must be greater than zero.</source>
        <translation>付款金额 {value} 必须大于零。</translation>
    </message>
    <message>
        <source>{value} is more than the {remaining} still due; only cash gives change.</source>
        <translation>{value} 超过待付金额 {remaining}；只有现金可以找零。</translation>
    </message>
    <message>
        <source>Enter the card slip reference number (1 to 64 characters).</source>
        <translation>请输入刷卡小票参考号（1 到 64 个字符）。</translation>
    </message>
    <message>
        <source>The ticket is already paid. Press Complete.</source>
        <translation>订单已付清，请按“完成交易”。</translation>
    </message>
    <message>
        <source>That payment is no longer on the ticket.</source>
        <translation>该笔付款已不在订单中。</translation>
    </message>
    <message>
        <source>No shift is open. Open a shift (count the float) first.</source>
        <translation>当前没有开班。请先开班（清点备用金）。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number of notes or coins.</source>
        <translation>“{value}”不是有效的张数/枚数。</translation>
    </message>
    <message>
        <source>A shift is already open on this till (since {opened_at}).</source>
        <translation>本收银机已开班（开班时间 {opened_at}）。</translation>
    </message>
    <message>
        <source>Business day {business_date} is already closed; open the shift on a later day.</source>
        <translation>营业日 {business_date} 已日结，请在之后的营业日开班。</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>No cash drawer is set up on this till.</source>
        <translation>本收银机未配置钱箱。</translation>
    </message>
    <message>
        <source>That print job is no longer waiting (printed or set aside).</source>
        <translation>该打印任务已不在等待中（已打印或已搁置）。</translation>
    </message>
    <message>
        <source>That receipt is printing right now; try again if it fails.</source>
        <translation>该小票正在打印；若失败请重试。</translation>
    </message>
    <message>
        <source>There is no printer &apos;{role}&apos; on this till.</source>
        <translation>本收银台没有打印机“{role}”。</translation>
    </message>
    <message>
        <source>That refused event is no longer waiting for a decision.</source>
        <translation>该被拒事件已不再等待处理。</translation>
    </message>
    <message>
        <source>This item&apos;s tax class {tax_code} is not set up on this till; call the manager.</source>
        <translation>本收银台未设置该商品的税类 {tax_code}，请联系店长。</translation>
    </message>
    <message>
        <source>The saved ticket cannot be read; call the manager.</source>
        <translation>无法读取已保存的单据，请联系店长。</translation>
    </message>
    <message>
        <source>{value} is not a note or coin.</source>
        <translation>{value} 不是有效的纸币或硬币面额。</translation>
    </message>
    <message>
        <source>There is no receipt to print again yet.</source>
        <translation>还没有可重打的小票。</translation>
    </message>
    <message>
        <source>“{value}” is not a receipt number.</source>
        <translation>“{value}”不是小票号。</translation>
    </message>
    <message>
        <source>The scale is still moving. Wait, then try again.</source>
        <translation>秤还在晃动，请稍等再试。</translation>
    </message>
    <message>
        <source>The scale reads zero. Put the item on the scale.</source>
        <translation>秤读数为零，请把商品放到秤上。</translation>
    </message>
    <message>
        <source>The scale reads below zero. Empty it and press its zero key.</source>
        <translation>秤读数为负，请清空秤盘并按归零键。</translation>
    </message>
    <message>
        <source>Too heavy for the scale.</source>
        <translation>超出秤的量程。</translation>
    </message>
    <message>
        <source>The scale does not answer. Check its cable and power.</source>
        <translation>秤没有响应，请检查连接线和电源。</translation>
    </message>
    <message>
        <source>The scale is not connected. Check its cable, or key in the weight.</source>
        <translation>秤未连接，请检查连接线，或手工输入重量。</translation>
    </message>
    <message>
        <source>The scale&apos;s address in the settings is wrong. Call the administrator.</source>
        <translation>设置中的秤地址有误，请联系管理员。</translation>
    </message>
    <message>
        <source>The scale sent an answer the till does not understand. Try again.</source>
        <translation>秤返回了无法识别的数据，请重试。</translation>
    </message>
    <message>
        <source>No scale is set up at this till.</source>
        <translation>本收银台未设置电子秤。</translation>
    </message>
    <message>
        <source>The scale is not ready. Try again.</source>
        <translation>秤尚未就绪，请重试。</translation>
    </message>
    <message>
        <source>The scale&apos;s port refused its settings (baud rate, data bits, parity). Call the administrator.</source>
        <translation>电子秤串口不接受当前设置（波特率、数据位、校验）。请联系管理员。</translation>
    </message>
    <message>
        <source>No receipt is waiting to be printed again.</source>
        <translation>没有等待重打的小票。</translation>
    </message>
    <message>
        <source>This is a one-time PIN: choose your own PIN to sign in.</source>
        <translation>这是一次性密码：请设置您自己的密码后登录。</translation>
    </message>
    <message>
        <source>The new PIN must differ from the one-time PIN.</source>
        <translation>新密码不能与一次性密码相同。</translation>
    </message>
    <message>
        <source>“{url}” is not a platform address: {detail}</source>
        <translation>“{url}”不是平台地址：{detail}</translation>
    </message>
    <message>
        <source>“{code}” is not a pairing code: it has 6 to 16 letters and digits.</source>
        <translation>“{code}”不是配对码：配对码由 6 到 16 位字母和数字组成。</translation>
    </message>
    <message>
        <source>Cannot reach {host}: check the address and the network.</source>
        <translation>无法连接 {host}：请检查地址和网络。</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed: its certificate is not trusted or is for another name.</source>
        <translation>与 {host} 的安全连接失败：其证书不受信任或不属于该地址。</translation>
    </message>
    <message>
        <source>The platform does not accept this code: it is wrong, already used or expired. Ask for a new one.</source>
        <translation>平台不接受此配对码：配对码错误、已使用或已过期。请索取新的配对码。</translation>
    </message>
    <message>
        <source>This code is for another store or till than {store_id}-{till_id}.</source>
        <translation>此配对码属于其他门店或收银机，不是 {store_id}-{till_id}。</translation>
    </message>
    <message>
        <source>{host} answers, but it is not an O2O platform. Check the address.</source>
        <translation>{host} 有响应，但不是 O2O 平台。请检查地址。</translation>
    </message>
    <message>
        <source>This computer has no key store for the platform token: {detail}</source>
        <translation>本电脑没有可保存平台令牌的密钥库：{detail}</translation>
    </message>
    <message>
        <source>The platform has a problem right now ({detail}). Try again in a minute.</source>
        <translation>平台暂时出现问题（{detail}）。请一分钟后再试。</translation>
    </message>
    <message>
        <source>Pairing with the platform failed.</source>
        <translation>与平台配对失败。</translation>
    </message>
    <message>
        <source>This till is not paired with a platform yet.</source>
        <translation>本收银机尚未与平台配对。</translation>
    </message>
    <message>
        <source>The backup could not be made. Call the administrator. ({reason})</source>
        <translation>备份失败，请联系管理员。（{reason}）</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s payment code first.</source>
        <translation>请先扫描顾客的付款码。</translation>
    </message>
    <message>
        <source>Payment code {masked} must contain digits only. Scan the code on the customer&apos;s phone.</source>
        <translation>付款码 {masked} 只能包含数字。请扫描顾客手机上的付款码。</translation>
    </message>
    <message>
        <source>Code {masked} ({length} digits) is not a WeChat Pay, Alipay or UnionPay payment code. Ask the customer to refresh the code and scan again.</source>
        <translation>{masked}（{length} 位）不是微信、支付宝或云闪付付款码。请顾客刷新付款码后重扫。</translation>
    </message>
    <message>
        <source>A wallet payment that is {current} cannot become {target}.</source>
        <translation>状态为 {current} 的钱包支付不能变为 {target}。</translation>
    </message>
    <message>
        <source>A wallet payment of {amount} is still waiting for an answer; wait for it or cancel it before you {action}.</source>
        <translation>一笔 {amount} 的钱包支付仍在等待应答；请等待或撤销后再执行（{action}）。</translation>
    </message>
    <message>
        <source>The {wallet} payment failed: {reason}.</source>
        <translation>{wallet}支付失败：{reason}。</translation>
    </message>
    <message>
        <source>Wallet payment {out_trade_no} is not on this till.</source>
        <translation>本收银机没有钱包支付 {out_trade_no}。</translation>
    </message>
    <message>
        <source>Wallet payment {out_trade_no} is {state}; only a paid payment can be refunded.</source>
        <translation>钱包支付 {out_trade_no} 的状态为 {state}；只有已付款的支付才能退款。</translation>
    </message>
    <message>
        <source>A refund of {amount} is more than the {refundable} left on payment {out_trade_no}.</source>
        <translation>退款 {amount} 超过支付 {out_trade_no} 剩余可退的 {refundable}。</translation>
    </message>
    <message>
        <source>Wallet payments are not available: {reason}.</source>
        <translation>钱包支付不可用：{reason}。</translation>
    </message>
    <message>
        <source>A {wallet} payment is removed by giving the money back: use Remove payment in the payment window.</source>
        <translation>{wallet}支付只能通过退款移除：请在付款窗口中按“删除付款”。</translation>
    </message>
    <message>
        <source>{count} wallet payment(s) are not final. Resolve them (F10, Wallet payments) or have a manager accept them with a reason before closing.</source>
        <translation>有 {count} 笔钱包支付尚未完结。请先处理（F10 “钱包支付待处理”），或由店长填写原因后接受，再关班。</translation>
    </message>
    <message>
        <source>Promotion {promotion_id} cannot be used at this till: {reason}. Call the administrator.</source>
        <translation>促销 {promotion_id} 无法在本收银台使用：{reason}。请联系管理员。</translation>
    </message>
    <message>
        <source>Coupon {code} is already on this ticket.</source>
        <translation>优惠券 {code} 已在本单中。</translation>
    </message>
    <message>
        <source>Coupon {code} is not known or no longer valid.</source>
        <translation>优惠券 {code} 不存在或已失效。</translation>
    </message>
    <message>
        <source>Coupon {code} can only be used from {start} to {end}.</source>
        <translation>优惠券 {code} 仅限 {start} 至 {end} 使用。</translation>
    </message>
    <message>
        <source>Coupon {code} is not valid in this store.</source>
        <translation>优惠券 {code} 不适用于本门店。</translation>
    </message>
    <message>
        <source>Coupon {code} was already used.</source>
        <translation>优惠券 {code} 已被使用。</translation>
    </message>
    <message>
        <source>Coupon {code} needs a spend of ¥{threshold}: ¥{short} more.</source>
        <translation>优惠券 {code} 需满 ¥{threshold} 使用：还差 ¥{short}。</translation>
    </message>
    <message>
        <source>Coupon {code} needs the network, and the till is offline. Try again when online.</source>
        <translation>优惠券 {code} 需要联网核销，收银台当前离线。请联网后再试。</translation>
    </message>
    <message>
        <source>The top-up was not paid ({state}): nothing was credited and the customer was not charged.</source>
        <translation>充值未付款（{state}）：未入账，顾客也未被扣款。</translation>
    </message>
    <message>
        <source>The wallet has not answered yet: the ¥{amount} top-up is credited only when the charge is known to have gone through, or given back (see Wallet payments).</source>
        <translation>钱包尚未答复：¥{amount} 的充值只有在确认扣款成功后才入账，否则款项会退回（见“扫码支付”）。</translation>
    </message>
    <message>
        <source>The platform&apos;s hold on the member&apos;s {kind} expired and the member no longer has {wanted} free: take that payment off and pay another way.</source>
        <translation>平台上为会员{kind}所做的冻结已过期，且会员已没有 {wanted} 可用：请移除该付款，改用其他方式支付。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>The ticket has payments. Remove them before undoing a change.</source>
        <translation>小票已有付款。请先删除付款再撤销。</translation>
    </message>
    <message>
        <source>No staff member has this PIN. Check it, or choose your name first.</source>
        <translation>没有员工使用此密码。请检查，或先选择您的姓名。</translation>
    </message>
    <message>
        <source>Another staff member already has this PIN. Choose a different one.</source>
        <translation>其他员工已使用此密码。请换一个。</translation>
    </message>
    <message>
        <source>“{code}” is not a coupon code: use letters, digits, “.”, “_” and “-” (up to 64).</source>
        <translation>“{code}”不是优惠券码：只能包含字母、数字、“.”、“_”和“-”（最多 64 个）。</translation>
    </message>
    <message>
        <source>This coupon conflict is already settled.</source>
        <translation>这条优惠券冲突已经处理过了。</translation>
    </message>
    <message>
        <source>This field cannot be empty.</source>
        <translation>此项不能为空。</translation>
    </message>
    <message>
        <source>This text is {length} characters long; at most {maximum} fit.</source>
        <translation>此内容有 {length} 个字符，最多 {maximum} 个。</translation>
    </message>
    <message>
        <source>The till&apos;s disk is full, so this was not saved. Nothing saved before is lost. Ask the manager to free disk space, then try again.</source>
        <translation>收银机磁盘已满，本次操作未保存；之前保存的内容都没有丢失。请店长清理磁盘空间后重试。</translation>
    </message>
    <message>
        <source>The till could not write to its disk. Nothing saved before is lost. Try again; if it happens again, call support.</source>
        <translation>收银机无法写入磁盘；之前保存的内容都没有丢失。请重试；如仍出现，请联系技术支持。</translation>
    </message>
    <message>
        <source>Badge scanned. Now key the PIN of the badge&apos;s holder.</source>
        <translation>已扫描工牌。请输入该工牌持有人的 PIN。</translation>
    </message>
    <message>
        <source>This sign-in is not valid here. Sign in again.</source>
        <translation>此登录在本机无效，请重新登录。</translation>
    </message>
    <message>
        <source>Only {refundable} of {name} can still be returned; {quantity} was asked.</source>
        <translation>{name} 只能再退 {refundable}，您要退 {quantity}。</translation>
    </message>
    <message>
        <source>{quantity} is not a quantity of {name} that can be returned.</source>
        <translation>{quantity} 不是 {name} 可退的数量。</translation>
    </message>
    <message>
        <source>Pick at least one line and a quantity to return.</source>
        <translation>请至少选择一行和退货数量。</translation>
    </message>
    <message>
        <source>Choose a reason for each returned line.</source>
        <translation>请为每一退货行选择原因。</translation>
    </message>
    <message>
        <source>&apos;{reason}&apos; is not a configured return reason.</source>
        <translation>“{reason}”不是已配置的退货原因。</translation>
    </message>
    <message>
        <source>That line is not on this receipt.</source>
        <translation>该行不在这张小票上。</translation>
    </message>
    <message>
        <source>No sale with receipt number {receipt_no} was found.</source>
        <translation>找不到单号为 {receipt_no} 的销售。</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} is not from this till: returning it needs the network, and the till is offline. Try again when it is back online.</source>
        <translation>小票 {receipt_no} 不是本收银台的：退货需要联网，当前离线。请联网后再试。</translation>
    </message>
    <message>
        <source>Return {return_no} is saved, but the {kind} refund of ¥{amount} is not confirmed yet; the till retries it. Do not give that money in cash.</source>
        <translation>退货单 {return_no} 已保存，但 {kind} 退款 ¥{amount} 尚未确认；收银机会自动重试。请勿以现金支付这笔钱。</translation>
    </message>
    <message>
        <source>The exchange credit for receipt {receipt_no} no longer matches what can be returned. Remove the exchange credit and start the exchange again.</source>
        <translation>小票 {receipt_no} 的换货抵扣与可退内容不再一致。请删除换货抵扣后重新换货。</translation>
    </message>
    <message>
        <source>Exchange credit comes only from returned goods: remove that payment and use Return, then Exchange.</source>
        <translation>换货抵扣只能来自退回的商品：请删除该付款，使用“退货”后再点“换货”。</translation>
    </message>
    <message>
        <source>Those items of {receipt_no} were just returned or are being returned at another till. Look the receipt up again to see what is left.</source>
        <translation>小票 {receipt_no} 的这些商品刚在其他收银台退过或正在退。请重新查询小票查看剩余可退数量。</translation>
    </message>
    <message>
        <source>No member matches {query}.</source>
        <translation>没有与 {query} 匹配的会员。</translation>
    </message>
    <message>
        <source>This member code was not issued by the platform. Ask the member to refresh it in the app.</source>
        <translation>此会员码不是平台签发的。请会员在App中刷新会员码。</translation>
    </message>
    <message>
        <source>This member code has expired. Ask the member to refresh it in the app.</source>
        <translation>此会员码已过期。请会员在App中刷新会员码。</translation>
    </message>
    <message>
        <source>{phone} is not a mainland mobile number (11 digits starting with 13 to 19).</source>
        <translation>{phone} 不是有效的大陆手机号（11位，以13至19开头）。</translation>
    </message>
    <message>
        <source>Type the full mobile number or exactly its last 4 digits.</source>
        <translation>请输入完整手机号，或手机尾号4位。</translation>
    </message>
    <message>
        <source>The customer must agree to the membership terms before signing up.</source>
        <translation>顾客须先同意会员条款才能注册。</translation>
    </message>
    <message>
        <source>The name may have at most {max} characters and no control characters.</source>
        <translation>姓名最多 {max} 个字符，且不能含控制字符。</translation>
    </message>
    <message>
        <source>A member with this mobile number already exists: identify them instead.</source>
        <translation>该手机号已是会员：请直接识别该会员。</translation>
    </message>
    <message>
        <source>Identify a member first.</source>
        <translation>请先识别会员。</translation>
    </message>
    <message>
        <source>The new member is not confirmed by the platform yet; points and stored value wait for it.</source>
        <translation>新会员尚未经平台确认；积分和储值需等待确认后使用。</translation>
    </message>
    <message>
        <source>At least {minimum} points must be redeemed at a time.</source>
        <translation>每次至少抵扣 {minimum} 积分。</translation>
    </message>
    <message>
        <source>At most {maximum} points can be redeemed on one ticket.</source>
        <translation>每单最多抵扣 {maximum} 积分。</translation>
    </message>
    <message>
        <source>¥{amount} is not a whole number of points ({fen} fen per point).</source>
        <translation>¥{amount} 不能折算为整数积分（每积分 {fen} 分）。</translation>
    </message>
    <message>
        <source>The member has {available} points; {wanted} are needed.</source>
        <translation>会员有 {available} 积分；需要 {wanted} 积分。</translation>
    </message>
    <message>
        <source>The member&apos;s stored value is ¥{available}; ¥{wanted} is needed.</source>
        <translation>会员储值余额为 ¥{available}；需要 ¥{wanted}。</translation>
    </message>
    <message>
        <source>Redeeming {wanted} points needs the network: offline, this till may redeem {allowance} for this member.</source>
        <translation>抵扣 {wanted} 积分需要联网：离线时本收银台最多可为该会员抵扣 {allowance} 积分。</translation>
    </message>
    <message>
        <source>Offline, this member may spend ¥{cap} of stored value at this till (¥{left} left). A manager can override, or wait for the network.</source>
        <translation>离线时该会员在本收银台最多可用储值 ¥{cap}（剩余 ¥{left}）。可由店长授权，或等待联网。</translation>
    </message>
    <message>
        <source>Offline, this till may take ¥{cap} of stored value a day (¥{left} left). A manager can override, or wait for the network.</source>
        <translation>离线时本收银台每天最多收储值 ¥{cap}（剩余 ¥{left}）。可由店长授权，或等待联网。</translation>
    </message>
    <message>
        <source>The platform refused: {reason}.</source>
        <translation>平台拒绝：{reason}。</translation>
    </message>
    <message>
        <source>A top-up must be between ¥{minimum} and ¥{maximum}.</source>
        <translation>充值金额须在 ¥{minimum} 至 ¥{maximum} 之间。</translation>
    </message>
    <message>
        <source>Remove the points or stored-value payment first.</source>
        <translation>请先移除积分或储值付款。</translation>
    </message>
    <message>
        <source>This ticket already has a {kind} payment; remove it to change the amount.</source>
        <translation>本单已有{kind}付款；如需修改金额请先移除。</translation>
    </message>
    <message>
        <source>The platform refused: the member does not have {wanted} free now (another till may be using it).</source>
        <translation>平台拒绝：会员当前可用余额不足 {wanted}（可能正在其他收银台使用）。</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>shift_messages</name>
    <message>
        <source>¥{amount} is more than the cash in the drawer. Nothing was recorded.</source>
        <translation>¥{amount} 超过钱箱中的现金，未做任何登记。</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <source>“{reason}” is not a reason for this; pick one from the list.</source>
        <translation>“{reason}”不是有效原因，请从列表中选择。</translation>
    </message>
    <message>
        <source>This shift is already closed.</source>
        <translation>本班已经交班。</translation>
    </message>
    <message>
        <source>The shift cannot close yet: {open_count} open and {held_count} held tickets ({tickets}). Void them or keep the held ones for the next shift.</source>
        <translation>暂时不能交班：有 {open_count} 张未结小票和 {held_count} 张挂单（{tickets}）。请作废，或把挂单留给下一班。</translation>
    </message>
    <message>
        <source>Ticket {label} has payments; complete it on the sale screen first.</source>
        <translation>小票 {label} 已有付款，请先在收银界面完成。</translation>
    </message>
    <message>
        <source>That ticket is no longer there.</source>
        <translation>该小票已不存在。</translation>
    </message>
    <message>
        <source>That count does not belong to the open shift.</source>
        <translation>该点钞记录不属于当前班次。</translation>
    </message>
    <message>
        <source>Count {attempt_no} was replaced by count {latest}; confirm the latest.</source>
        <translation>第 {attempt_no} 次点钞已被第 {latest} 次取代，请确认最新一次。</translation>
    </message>
    <message>
        <source>The count is off by more than ¥{tolerance}: give a reason and ask a manager to approve.</source>
        <translation>点钞差额超过 ¥{tolerance}：请填写原因并请店长批准。</translation>
    </message>
    <message>
        <source>Business day {business_date} is already closed (Z report No. {z_no}). Reprint it instead.</source>
        <translation>营业日 {business_date} 已日结（Z 报表 第 {z_no} 号），请改为重印。</translation>
    </message>
    <message>
        <source>Business day {business_date} still has an open shift; close it with a count first.</source>
        <translation>营业日 {business_date} 还有未交班的班次，请先点钞交班。</translation>
    </message>
    <message>
        <source>No shift was worked on business day {business_date}; there is nothing to close.</source>
        <translation>营业日 {business_date} 没有班次，无需日结。</translation>
    </message>
    <message>
        <source>There is no Z report for business day {business_date}.</source>
        <translation>营业日 {business_date} 没有 Z 报表。</translation>
    </message>
    <message>
        <source>The start date {start} is after the end date {end}.</source>
        <translation>开始日期 {start} 晚于结束日期 {end}。</translation>
    </message>
</context>
<context>
    <name>shift_names</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card (batch total)</source>
        <translation>银行卡（批次合计）</translation>
    </message>
    <message>
        <source>QR pay</source>
        <translation>扫码支付</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Float top-up</source>
        <translation>补充备用金</translation>
    </message>
    <message>
        <source>Cash found</source>
        <translation>拾得现金</translation>
    </message>
    <message>
        <source>Store supplies</source>
        <translation>门店耗材</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>配送费</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>清洁</translation>
    </message>
    <message>
        <source>Petty cash</source>
        <translation>零用金</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>To the safe</source>
        <translation>存入保险箱</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Find item</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>作废商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>班次 / 店长</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>结算</translation>
    </message>
    <message>
        <source>Add the scanned or typed code</source>
        <extracomment>Returns and exchanges: its button sits beside the totals (the F-key grid is full). Identify a member / take them off (every F-key already has its button; a member card or code scanned into the code field attaches the member too).</extracomment>
        <translation>添加扫描或输入的条码</translation>
    </message>
    <message>
        <source>Clear the code field / close a dialog</source>
        <translation>清空条码框 / 关闭对话框</translation>
    </message>
    <message>
        <source>Select a line on the ticket</source>
        <translation>选择订单中的商品行</translation>
    </message>
    <message>
        <source>Quantity, void line, pay</source>
        <translation>数量、作废商品、结算</translation>
    </message>
    <message>
        <source>Switch between checkout and pickup orders</source>
        <translation>在收银和自提订单之间切换</translation>
    </message>
    <message>
        <source>Lock the till</source>
        <translation>锁定收银机</translation>
    </message>
    <message>
        <source>Type a coupon code</source>
        <translation>输入优惠券码</translation>
    </message>
    <message>
        <source>Start picking</source>
        <translation>开始拣货</translation>
    </message>
    <message>
        <source>Stop picking</source>
        <translation>停止拣货</translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>缺货拣货</translation>
    </message>
    <message>
        <source>Cancel line</source>
        <translation>取消此行</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>打印拣货单</translation>
    </message>
    <message>
        <source>Print bag labels</source>
        <translation>打印袋标签</translation>
    </message>
    <message>
        <source>Bag count</source>
        <translation>袋数</translation>
    </message>
    <message>
        <source>Mark ready</source>
        <translation>备货完成</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>核验取货码</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Expire (manager)</source>
        <translation>过期（店长）</translation>
    </message>
    <message>
        <source>Unlock (manager)</source>
        <translation>解锁（店长）</translation>
    </message>
    <message>
        <source>Pick the scanned item or check the scanned code</source>
        <translation>拣入扫描的商品或核验扫描的取货码</translation>
    </message>
    <message>
        <source>Tick or untick the selected line</source>
        <translation>勾选或取消勾选所选行</translation>
    </message>
    <message>
        <source>Select the previous / next order</source>
        <translation>选择上一个 / 下一个订单</translation>
    </message>
    <message>
        <source>Select a line of the order</source>
        <translation>选择订单中的一行</translation>
    </message>
    <message>
        <source>Print an unconfirmed receipt again (REPRINT)</source>
        <translation>重新打印未确认的小票（标记重打）</translation>
    </message>
    <message>
        <source>Undo the last change on the ticket</source>
        <translation>撤销小票上的上一步操作</translation>
    </message>
    <message>
        <source>Return or exchange goods (scan the receipt)</source>
        <translation>退货或换货（扫描小票）</translation>
    </message>
    <message>
        <source>Identify a member, or take the member off the ticket</source>
        <translation>识别会员，或将会员从本单移除</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Platform: not set up</source>
        <translation>平台：未配置</translation>
    </message>
    <message>
        <source>Platform: online</source>
        <translation>平台：在线</translation>
    </message>
    <message>
        <source>Platform: offline</source>
        <translation>平台：离线</translation>
    </message>
    <message>
        <source>Platform: pairing needed</source>
        <translation>平台：需要配对</translation>
    </message>
    <message>
        <source>Platform: no key store</source>
        <translation>平台：无法访问密钥存储</translation>
    </message>
    <message>
        <source>Platform: error</source>
        <translation>平台：出错</translation>
    </message>
    <message>
        <source>Platform: {0}</source>
        <translation>平台：{0}</translation>
    </message>
    <message>
        <source> (last sync {0})</source>
        <translation>（上次同步 {0}）</translation>
    </message>
    <message>
        <source>, {0} to send</source>
        <translation>，{0} 条待上传</translation>
    </message>
    <message>
        <source>, {0} refused</source>
        <translation>，{0} 条被拒</translation>
    </message>
    <message>
        <source>, check the clock</source>
        <translation>，请检查系统时间</translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation>打印机：就绪</translation>
    </message>
    <message>
        <source>Printer: checking…</source>
        <translation>打印机：检测中…</translation>
    </message>
    <message>
        <source>Printer: paper low</source>
        <translation>打印机：纸将用完</translation>
    </message>
    <message>
        <source>Printer: out of paper</source>
        <translation>打印机：缺纸</translation>
    </message>
    <message>
        <source>Printer: cover open</source>
        <translation>打印机：纸仓盖未关</translation>
    </message>
    <message>
        <source>Printer: offline</source>
        <translation>打印机：离线</translation>
    </message>
    <message>
        <source>Printer: not found</source>
        <translation>打印机：未找到</translation>
    </message>
    <message>
        <source>Printer: wrong address in the settings</source>
        <translation>打印机：设置中的地址有误</translation>
    </message>
    <message>
        <source>Printer: error</source>
        <translation>打印机：故障</translation>
    </message>
    <message>
        <source>, {0} waiting</source>
        <translation>，{0} 张待打印</translation>
    </message>
    <message>
        <source>, {0} not confirmed (Ctrl+R reprints)</source>
        <translation>，{0} 张未确认（Ctrl+R 重打）</translation>
    </message>
    <message>
        <source>Scanner: ready</source>
        <translation>扫码枪：就绪</translation>
    </message>
    <message>
        <source>Scanner: connecting…</source>
        <translation>扫码枪：连接中…</translation>
    </message>
    <message>
        <source>Scanner: unplugged</source>
        <translation>扫码枪：已断开</translation>
    </message>
    <message>
        <source>Scanner: wrong address in the settings</source>
        <translation>扫码枪：设置中的地址有误</translation>
    </message>
    <message>
        <source>Scanner: error</source>
        <translation>扫码枪：故障</translation>
    </message>
    <message>
        <source>The cash drawer did not open: the printer reports a fault. Open it with the key.</source>
        <translation>钱箱未打开：打印机报告故障。请用钥匙打开钱箱。</translation>
    </message>
    <message>
        <source>The cash drawer did not open: the printer did not answer. Open it with the key.</source>
        <translation>钱箱未打开：打印机没有响应。请用钥匙打开钱箱。</translation>
    </message>
    <message>
        <source>The cash drawer did not open: the printer cannot be reached. Open it with the key.</source>
        <translation>钱箱未打开：无法连接打印机。请用钥匙打开钱箱。</translation>
    </message>
    <message>
        <source>The cash drawer did not open in time. Open it with the key.</source>
        <translation>钱箱未能及时打开。请用钥匙打开钱箱。</translation>
    </message>
    <message>
        <source>The cash drawer did not open. Open it with the key.</source>
        <translation>钱箱未打开。请用钥匙打开钱箱。</translation>
    </message>
    <message>
        <source>The printer did not confirm the last receipt ({0} not confirmed). If it did not come out, press Ctrl+R to print it again (marked REPRINT).</source>
        <translation>打印机未确认上一张小票已打印（{0} 张未确认）。如果没有打出，请按 Ctrl+R 重新打印（标记为“重打”）。</translation>
    </message>
    <message>
        <source>, {0} held back</source>
        <translation>，{0} 条暂缓</translation>
    </message>
</context>
</TS>
