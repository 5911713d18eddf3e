<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>bridgecore::ui::AdminView</name>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>إضافة مستخدم…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>تعطيل</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>إعادة تعيين كلمة المرور…</translation>
    </message>
    <message>
        <source>App types and models</source>
        <translation>أنواع التطبيقات والنماذج</translation>
    </message>
    <message>
        <source>model, e.g. sale.order</source>
        <translation>نموذج، مثل sale.order</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>تفعيل</translation>
    </message>
    <message>
        <source>Saving the models failed: %1</source>
        <translation>فشل حفظ النماذج: %1</translation>
    </message>
    <message>
        <source>Models of %1 saved</source>
        <translation>تم حفظ نماذج %1</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>الدور:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <source>Adding %1 failed: %2</source>
        <translation>فشلت إضافة %1: %2</translation>
    </message>
    <message>
        <source>User %1 added</source>
        <translation>تمت إضافة المستخدم %1</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>تعطيل المستخدم</translation>
    </message>
    <message>
        <source>Disable %1? Their devices can no longer sync.</source>
        <translation>تعطيل %1؟ لن تتمكن أجهزته من المزامنة بعد الآن.</translation>
    </message>
    <message>
        <source>User %1 updated</source>
        <translation>تم تحديث المستخدم %1</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>إعادة تعيين كلمة المرور</translation>
    </message>
    <message>
        <source>New password for %1 (at least 8 characters):</source>
        <translation>كلمة مرور جديدة لـ %1 (8 أحرف على الأقل):</translation>
    </message>
    <message>
        <source>Password reset failed: %1</source>
        <translation>فشلت إعادة تعيين كلمة المرور: %1</translation>
    </message>
    <message>
        <source>Password of %1 changed</source>
        <translation>تم تغيير كلمة مرور %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::ConflictListModel</name>
    <message>
        <source>open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>محلول</translation>
    </message>
    <message>
        <source>server wins</source>
        <translation>الخادم يفوز</translation>
    </message>
    <message>
        <source>client wins</source>
        <translation>العميل يفوز</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>مدمج</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>يدوي</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Conflicting fields</source>
        <translation>الحقول المتعارضة</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>الحل</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::ConflictsView</name>
    <message>
        <source>Show:</source>
        <translation>عرض:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>المحلولة</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Resolution failed: %1</source>
        <translation>فشل الحل: %1</translation>
    </message>
    <message>
        <source>Conflict %1 resolved</source>
        <translation>تم حل التعارض %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DashboardView</name>
    <message>
        <source>Devices</source>
        <translation>الأجهزة</translation>
    </message>
    <message>
        <source>Stale devices</source>
        <translation>الأجهزة الخاملة</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>التغييرات المعلقة</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>التعارضات المفتوحة</translation>
    </message>
    <message>
        <source>Head event id</source>
        <translation>معرّف آخر حدث</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>النافذة الزمنية:</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>دقيقة واحدة</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 دقائق</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 دقيقة</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>ساعة واحدة</translation>
    </message>
    <message>
        <source>Pushed changes/s</source>
        <translation>التغييرات المرسلة/ث</translation>
    </message>
    <message>
        <source>Pulled events/s</source>
        <translation>الأحداث المجلوبة/ث</translation>
    </message>
    <message>
        <source>p95 push latency (ms)</source>
        <translation>زمن استجابة الإرسال p95 (مللي ثانية)</translation>
    </message>
    <message>
        <source>Conflicts per minute</source>
        <translation>التعارضات في الدقيقة</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceTableModel</name>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>منذ %n دقيقة</numerusform>
            <numerusform>منذ دقيقة واحدة</numerusform>
            <numerusform>منذ دقيقتين</numerusform>
            <numerusform>منذ %n دقائق</numerusform>
            <numerusform>منذ %n دقيقة</numerusform>
            <numerusform>منذ %n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>منذ %n ساعة</numerusform>
            <numerusform>منذ ساعة واحدة</numerusform>
            <numerusform>منذ ساعتين</numerusform>
            <numerusform>منذ %n ساعات</numerusform>
            <numerusform>منذ %n ساعة</numerusform>
            <numerusform>منذ %n ساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>منذ %n يوم</numerusform>
            <numerusform>منذ يوم واحد</numerusform>
            <numerusform>منذ يومين</numerusform>
            <numerusform>منذ %n أيام</numerusform>
            <numerusform>منذ %n يومًا</numerusform>
            <numerusform>منذ %n يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>خامل</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>آخر خطأ: %1</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>App type</source>
        <translation>نوع التطبيق</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>آخر حدث</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>التأخر</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>آخر مزامنة</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>المزامنات</translation>
    </message>
    <message>
        <source>Events synced</source>
        <translation>الأحداث المتزامنة</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>التعارضات المفتوحة</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>إصدار التطبيق</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DevicesView</name>
    <message>
        <source>Search device or app type…</source>
        <translation>ابحث عن جهاز أو نوع تطبيق…</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>كل الأجهزة</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>خامل</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>أخطاء</translation>
    </message>
    <message>
        <source>With conflicts</source>
        <translation>بها تعارضات</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>الجهاز:</translation>
    </message>
    <message>
        <source>App type / version:</source>
        <translation>نوع التطبيق / الإصدار:</translation>
    </message>
    <message>
        <source>Last event / lag:</source>
        <translation>آخر حدث / التأخر:</translation>
    </message>
    <message>
        <source>Last push:</source>
        <translation>آخر إرسال:</translation>
    </message>
    <message>
        <source>Last pull:</source>
        <translation>آخر جلب:</translation>
    </message>
    <message>
        <source>Queue report:</source>
        <translation>تقرير الطابور:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>آخر خطأ:</translation>
    </message>
    <message>
        <source>Clock skew:</source>
        <translation>انحراف الساعة:</translation>
    </message>
    <message>
        <source>Pushes / changes:</source>
        <translation>الإرسالات / التغييرات:</translation>
    </message>
    <message>
        <source>Success / conflict rate:</source>
        <translation>نسبة النجاح / التعارض:</translation>
    </message>
    <message>
        <source>Average push / pull:</source>
        <translation>متوسط الإرسال / الجلب:</translation>
    </message>
    <message>
        <source>Bytes in / out:</source>
        <translation>البايتات الواردة / الصادرة:</translation>
    </message>
    <message>
        <source>Reset sync state…</source>
        <translation>إعادة تعيين حالة المزامنة…</translation>
    </message>
    <message>
        <source>The device will pull everything again</source>
        <translation>سيجلب الجهاز كل شيء من جديد</translation>
    </message>
    <message>
        <source>Only admins may reset devices</source>
        <translation>المسؤولون فقط يمكنهم إعادة تعيين الأجهزة</translation>
    </message>
    <message>
        <source>%1 of %2 devices loaded</source>
        <translation>تم تحميل %1 من %2 جهاز</translation>
    </message>
    <message>
        <source>%1 (user %2)</source>
        <translation>%1 (المستخدم %2)</translation>
    </message>
    <message>
        <source>%1 / %2 behind</source>
        <translation>%1 / متأخر بـ %2</translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s), oldest %1</source>
        <translation>
            <numerusform>لا تغييرات معلقة، الأقدم %1</numerusform>
            <numerusform>تغيير معلق واحد، الأقدم %1</numerusform>
            <numerusform>تغييران معلقان، الأقدم %1</numerusform>
            <numerusform>%n تغييرات معلقة، الأقدم %1</numerusform>
            <numerusform>%n تغييرًا معلقًا، الأقدم %1</numerusform>
            <numerusform>%n تغيير معلق، الأقدم %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 مللي ثانية</translation>
    </message>
    <message>
        <source>%1% / %2%</source>
        <translation>%1٪ / %2٪</translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation>%1 مللي ثانية / %2 مللي ثانية</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Reset device</source>
        <translation>إعادة تعيين الجهاز</translation>
    </message>
    <message>
        <source>Reset the sync state of %1? The device will download every event again on its next pull.</source>
        <translation>إعادة تعيين حالة مزامنة %1؟ سيعيد الجهاز تنزيل كل الأحداث عند الجلب التالي.</translation>
    </message>
    <message>
        <source>Reset failed: %1</source>
        <translation>فشلت إعادة التعيين: %1</translation>
    </message>
    <message>
        <source>Sync state of %1 reset</source>
        <translation>أُعيد تعيين حالة مزامنة %1</translation>
    </message>
    <message>
        <source>pushes: %1, changes: %2 (failed: %3, conflicts: %4)</source>
        <translation>الإرسالات: %1، التغييرات: %2 (فاشلة: %3، تعارضات: %4)</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::EventLogModel</name>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>write</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>high</source>
        <translation>عالية</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>متوسطة</translation>
    </message>
    <message>
        <source>low</source>
        <translation>منخفضة</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>الحدث</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>الأولوية</translation>
    </message>
    <message>
        <source>Changed fields</source>
        <translation>الحقول المعدلة</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::EventLogView</name>
    <message>
        <source>Model:</source>
        <translation>النموذج:</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>أي نموذج</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>الإجراء:</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>أي إجراء</translation>
    </message>
    <message>
        <source>create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>write</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>الجهاز:</translation>
    </message>
    <message>
        <source>Any device</source>
        <translation>أي جهاز</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 حدث</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::LoginDialog</name>
    <message>
        <source>Connect to a BridgeCore server</source>
        <translation>الاتصال بخادم BridgeCore</translation>
    </message>
    <message>
        <source>The console works offline and syncs with this server. Support and admin accounts also see the server&apos;s devices, conflicts and events.</source>
        <translation>تعمل وحدة التحكم دون اتصال وتتزامن مع هذا الخادم. كما ترى حسابات الدعم والمسؤولين أجهزة الخادم وتعارضاته وأحداثه.</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>عنوان الخادم:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>فشل تسجيل الدخول: %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MainWindow</name>
    <message>
        <source>BridgeCore Sync Console</source>
        <translation>وحدة تحكم BridgeCore Sync</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;زامن الآن</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;حول</translation>
    </message>
    <message>
        <source>About BridgeCore Sync Console</source>
        <translation>حول وحدة تحكم BridgeCore Sync</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console
Offline-first sync for ERP data.
Database: %1</source>
        <translation>وحدة تحكم BridgeCore Sync
مزامنة بيانات تخطيط الموارد تعمل دون اتصال أولًا.
قاعدة البيانات: %1</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>لوحة المتابعة</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>الأجهزة</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>التغييرات المعلقة</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>سجل الأحداث</translation>
    </message>
    <message>
        <source>Users and app types</source>
        <translation>المستخدمون وأنواع التطبيقات</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>الإعدادات: %1</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>تم حفظ الإعدادات</translation>
    </message>
    <message>
        <source>Mode changed</source>
        <translation>تغير الوضع</translation>
    </message>
    <message>
        <source>The new mode takes effect when the console starts again.</source>
        <translation>يسري الوضع الجديد عند تشغيل وحدة التحكم مرة أخرى.</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● متصل</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ غير متصل</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>لم تتم المزامنة بعد</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>آخر مزامنة %1</translation>
    </message>
    <message>
        <source>Serving the sync API on %1</source>
        <translation>واجهة المزامنة تعمل على %1</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>لا يقدّم الخدمة</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>يقدّم الخدمة على %1</translation>
    </message>
    <message>
        <source>Sync failed: %1. Retrying automatically.</source>
        <translation>فشلت المزامنة: %1. ستُعاد المحاولة تلقائيًا.</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console
Offline-first sync for ERP data.
Connected to %1</source>
        <translation>وحدة تحكم BridgeCore Sync
مزامنة بيانات ERP مع العمل دون اتصال أولاً.
متصلة بـ %1</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console — %1</source>
        <translation>وحدة تحكم BridgeCore Sync — %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeEditor</name>
    <message>
        <source>Shortcut: %1</source>
        <translation>الاختصار: %1</translation>
    </message>
    <message>
        <source>Take local</source>
        <translation>أخذ المحلي</translation>
    </message>
    <message>
        <source>Take server</source>
        <translation>أخذ الخادم</translation>
    </message>
    <message>
        <source>Edit result</source>
        <translation>تعديل النتيجة</translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation>الاختلاف السابق</translation>
    </message>
    <message>
        <source>Next difference</source>
        <translation>الاختلاف التالي</translation>
    </message>
    <message>
        <source>Take all local</source>
        <translation>أخذ كل المحلي</translation>
    </message>
    <message>
        <source>Take all server</source>
        <translation>أخذ كل ما في الخادم</translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation>الخادم يفوز</translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation>العميل يفوز</translation>
    </message>
    <message>
        <source>Submit merge</source>
        <translation>إرسال الدمج</translation>
    </message>
    <message>
        <source>local version %1, server version %2</source>
        <translation>الإصدار المحلي %1، إصدار الخادم %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Conflict %1 on %2 #%3 from device %4 (%5)</source>
        <translation>التعارض %1 على %2 رقم %3 من الجهاز %4 (%5)</translation>
    </message>
    <message>
        <source>Resolved record: %1</source>
        <translation>السجل بعد الحل: %1</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeModel</name>
    <message>
        <source>(unchanged)</source>
        <translation>(دون تغيير)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(غير معروف)</translation>
    </message>
    <message>
        <source>Changed on both sides to different values</source>
        <translation>عُدّل في الطرفين بقيم مختلفة</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>الأصل</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>المحلي</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>الخادم</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MetricSeriesModel</name>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Pushed changes/s</source>
        <translation>التغييرات المرسلة/ث</translation>
    </message>
    <message>
        <source>Pulled events/s</source>
        <translation>الأحداث المجلوبة/ث</translation>
    </message>
    <message>
        <source>p95 push latency (ms)</source>
        <translation>زمن استجابة الإرسال p95 (مللي ثانية)</translation>
    </message>
    <message>
        <source>Conflicts/min</source>
        <translation>تعارضات/دقيقة</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OutboxModel</name>
    <message>
        <source>pending</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>قيد الإرسال</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>متزامن</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>فشل</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <source>create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>update</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>#</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>المحاولات</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>آخر خطأ</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::PendingView</name>
    <message>
        <source>This console&apos;s outbox</source>
        <translation>صندوق الصادر لوحدة التحكم هذه</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>تجاهل…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>زامن الآن</translation>
    </message>
    <message>
        <source>Devices with failed or waiting pushes</source>
        <translation>أجهزة لديها إرسالات فاشلة أو منتظرة</translation>
    </message>
    <message>
        <source>%1 pending, %2 in flight, %3 failed, %4 conflicts, %5 synced</source>
        <translation>%1 قيد الانتظار، %2 قيد الإرسال، %3 فشلت، %4 تعارضات، %5 متزامنة</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>فشلت إعادة المحاولة: %1</translation>
    </message>
    <message>
        <source>The change will be sent with the next sync</source>
        <translation>سيُرسل التغيير مع المزامنة التالية</translation>
    </message>
    <message>
        <source>Discard change</source>
        <translation>تجاهل التغيير</translation>
    </message>
    <message>
        <source>Discard change #%1 (%2 on %3)? The local edit is reverted and never sent.</source>
        <translation>تجاهل التغيير رقم %1 (%2 على %3)؟ سيُلغى التعديل المحلي ولن يُرسل أبدًا.</translation>
    </message>
    <message>
        <source>Discard failed: %1</source>
        <translation>فشل التجاهل: %1</translation>
    </message>
    <message>
        <source>Change discarded</source>
        <translation>تم تجاهل التغيير</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordForm</name>
    <message>
        <source>New field name</source>
        <translation>اسم الحقل الجديد</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>إضافة حقل</translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation>قيمة JSON</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordTableModel</name>
    <message>
        <source>new (not synced)</source>
        <translation>جديد (غير متزامن)</translation>
    </message>
    <message>
        <source>edited (not synced)</source>
        <translation>معدّل (غير متزامن)</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>متزامن</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>المعرّف</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordsView</name>
    <message>
        <source>Model:</source>
        <translation>النموذج:</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>جديد…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>حذف…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>زامن الآن</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>لا سجلات</numerusform>
            <numerusform>سجل واحد</numerusform>
            <numerusform>سجلان</numerusform>
            <numerusform>%n سجلات</numerusform>
            <numerusform>%n سجلًا</numerusform>
            <numerusform>%n سجل</numerusform>
        </translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>%1 جديد</translation>
    </message>
    <message>
        <source>Edit %1 #%2</source>
        <translation>تعديل %1 رقم %2</translation>
    </message>
    <message>
        <source>Edit %1 %2</source>
        <translation>تعديل %1 %2</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>فشل الحفظ: %1</translation>
    </message>
    <message>
        <source>Saved offline; it will be sent with the next sync</source>
        <translation>حُفظ دون اتصال؛ سيُرسل مع المزامنة التالية</translation>
    </message>
    <message>
        <source>Nothing changed</source>
        <translation>لم يتغير شيء</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>حذف السجل</translation>
    </message>
    <message>
        <source>Delete %1 %2?</source>
        <translation>حذف %1 %2؟</translation>
    </message>
    <message>
        <source>Deleting failed: %1</source>
        <translation>فشل الحذف: %1</translation>
    </message>
    <message>
        <source>Deleted offline; it will be sent with the next sync</source>
        <translation>حُذف دون اتصال؛ سيُرسل مع المزامنة التالية</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::SettingsView</name>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>Embedded (this computer is the server)</source>
        <translation>مدمج (هذا الحاسوب هو الخادم)</translation>
    </message>
    <message>
        <source>Connected to a server</source>
        <translation>متصل بخادم</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>الوضع:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>عنوان الخادم:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>App type:</source>
        <translation>نوع التطبيق:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ث</translation>
    </message>
    <message>
        <source>Sync interval:</source>
        <translation>فاصل المزامنة:</translation>
    </message>
    <message>
        <source>Manual (review in the merge editor)</source>
        <translation>يدوي (مراجعة في محرر الدمج)</translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation>الخادم يفوز</translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation>العميل يفوز</translation>
    </message>
    <message>
        <source>Newest wins</source>
        <translation>الأحدث يفوز</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <source>Default conflict strategy:</source>
        <translation>استراتيجية التعارض الافتراضية:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>اللغة:</translation>
    </message>
    <message>
        <source>Devices on the network</source>
        <translation>الأجهزة على الشبكة</translation>
    </message>
    <message>
        <source>Serve the sync API</source>
        <translation>تقديم واجهة المزامنة البرمجية</translation>
    </message>
    <message>
        <source>127.0.0.1 serves this computer only; enter a LAN address to let phones connect</source>
        <translation>127.0.0.1 يخدم هذا الحاسوب فقط؛ أدخل عنوانًا على الشبكة المحلية للسماح للهواتف بالاتصال</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>العنوان:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>المنفذ:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الوضع:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::UserTableModel</name>
    <message>
        <source>user</source>
        <translation>مستخدم</translation>
    </message>
    <message>
        <source>support</source>
        <translation>دعم</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>مسؤول</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>معطل</translation>
    </message>
    <message>
        <source>active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>المعرّف</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of BridgeCore Sync.</source>
        <translation>وحدة تحكم سطح المكتب لـ BridgeCore Sync.</translation>
    </message>
    <message>
        <source>Start simulated devices.</source>
        <translation>تشغيل أجهزة محاكاة.</translation>
    </message>
    <message>
        <source>Keep the database in &lt;dir&gt; (or $BRIDGECORE_DATA_DIR).</source>
        <translation>احفظ قاعدة البيانات في &lt;dir&gt; (أو $BRIDGECORE_DATA_DIR).</translation>
    </message>
    <message>
        <source>Use &lt;lang&gt;: en, ar or fr.</source>
        <translation>استخدم &lt;lang&gt;: en أو ar أو fr.</translation>
    </message>
    <message>
        <source>BridgeCore Sync Console</source>
        <translation>وحدة تحكم BridgeCore Sync</translation>
    </message>
    <message>
        <source>The console cannot start: %1</source>
        <translation>تعذر تشغيل وحدة التحكم: %1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>مرحبًا</translation>
    </message>
    <message>
        <source>The console created its database in %1 and an administrator for devices that sync to it:

%2
password: %3

This password is shown only once; you can reset it under Users and app types.</source>
        <translation>أنشأت وحدة التحكم قاعدة بياناتها في %1 ومسؤولًا للأجهزة التي تتزامن معها:

%2
كلمة المرور: %3

تُعرض كلمة المرور هذه مرة واحدة فقط؛ يمكنك إعادة تعيينها من المستخدمون وأنواع التطبيقات.</translation>
    </message>
    <message>
        <source>Connect to the server at &lt;url&gt; (connected mode).</source>
        <translation>الاتصال بالخادم على العنوان &lt;url&gt; (الوضع المتصل).</translation>
    </message>
    <message>
        <source>Connected mode failed (%1): the console runs embedded.</source>
        <translation>فشل الوضع المتصل (%1): تعمل وحدة التحكم في الوضع المضمَّن.</translation>
    </message>
    <message>
        <source>Login cancelled: the console runs embedded. Choose the mode in Settings.</source>
        <translation>أُلغي تسجيل الدخول: تعمل وحدة التحكم في الوضع المضمَّن. اختر الوضع من الإعدادات.</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>متصل بـ %1 باسم %2</translation>
    </message>
</context>
</TS>
