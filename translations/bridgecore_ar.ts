<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ModelCatalog</name>
    <message>
        <source>Contact</source>
        <translation>جهة الاتصال</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>الجوال</translation>
    </message>
    <message>
        <source>Is a Company</source>
        <translation>شركة</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>الشارع</translation>
    </message>
    <message>
        <source>City</source>
        <translation>المدينة</translation>
    </message>
    <message>
        <source>Zip</source>
        <translation>الرمز البريدي</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>الرقم الضريبي</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <source>Related Company</source>
        <translation>الشركة المرتبطة</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>المنتج</translation>
    </message>
    <message>
        <source>Internal Reference</source>
        <translation>المرجع الداخلي</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>الباركود</translation>
    </message>
    <message>
        <source>Sales Price</source>
        <translation>سعر البيع</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>التكلفة</translation>
    </message>
    <message>
        <source>Product Type</source>
        <translation>نوع المنتج</translation>
    </message>
    <message>
        <source>Consumable</source>
        <translation>استهلاكي</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>خدمة</translation>
    </message>
    <message>
        <source>Storable Product</source>
        <translation>منتج قابل للتخزين</translation>
    </message>
    <message>
        <source>Can be Sold</source>
        <translation>يمكن بيعه</translation>
    </message>
    <message>
        <source>Can be Purchased</source>
        <translation>يمكن شراؤه</translation>
    </message>
    <message>
        <source>Quantity On Hand</source>
        <translation>الكمية المتوفرة</translation>
    </message>
    <message>
        <source>Sales Order</source>
        <translation>أمر البيع</translation>
    </message>
    <message>
        <source>Order Reference</source>
        <translation>مرجع الطلب</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <source>Order Date</source>
        <translation>تاريخ الطلب</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Quotation</source>
        <translation>عرض سعر</translation>
    </message>
    <message>
        <source>Quotation Sent</source>
        <translation>تم إرسال عرض السعر</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ملغي</translation>
    </message>
    <message>
        <source>Customer Reference</source>
        <translation>مرجع العميل</translation>
    </message>
    <message>
        <source>Terms and conditions</source>
        <translation>الشروط والأحكام</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>Sales Order Line</source>
        <translation>بند أمر البيع</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <source>Unit Price</source>
        <translation>سعر الوحدة</translation>
    </message>
    <message>
        <source>Discount (%)</source>
        <translation>الخصم (%)</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>المجموع الفرعي</translation>
    </message>
    <message>
        <source>Purchase Order</source>
        <translation>أمر الشراء</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>المورّد</translation>
    </message>
    <message>
        <source>Order Deadline</source>
        <translation>الموعد النهائي للطلب</translation>
    </message>
    <message>
        <source>RFQ</source>
        <translation>طلب عرض سعر</translation>
    </message>
    <message>
        <source>RFQ Sent</source>
        <translation>تم إرسال طلب عرض السعر</translation>
    </message>
    <message>
        <source>To Approve</source>
        <translation>بانتظار الموافقة</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>مقفل</translation>
    </message>
    <message>
        <source>Purchase Order Line</source>
        <translation>بند أمر الشراء</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>التحويل</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Scheduled Date</source>
        <translation>التاريخ المجدول</translation>
    </message>
    <message>
        <source>Source Document</source>
        <translation>المستند المصدر</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Waiting Another Operation</source>
        <translation>بانتظار عملية أخرى</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهز</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منتهي</translation>
    </message>
    <message>
        <source>Source Location</source>
        <translation>الموقع المصدر</translation>
    </message>
    <message>
        <source>Destination Location</source>
        <translation>موقع الوجهة</translation>
    </message>
    <message>
        <source>Stock Move</source>
        <translation>حركة المخزون</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>الطلب</translation>
    </message>
    <message>
        <source>Product Moves (Stock Move Line)</source>
        <translation>حركات المنتجات</translation>
    </message>
    <message>
        <source>Lot/Serial Number</source>
        <translation>رقم الدفعة/التسلسل</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Quants</source>
        <translation>الكميات</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>Counted Quantity</source>
        <translation>الكمية المعدودة</translation>
    </message>
    <message>
        <source>Inventory Locations</source>
        <translation>مواقع المخزون</translation>
    </message>
    <message>
        <source>Location Name</source>
        <translation>اسم الموقع</translation>
    </message>
    <message>
        <source>Full Location Name</source>
        <translation>الاسم الكامل للموقع</translation>
    </message>
    <message>
        <source>Location Type</source>
        <translation>نوع الموقع</translation>
    </message>
    <message>
        <source>Vendor Location</source>
        <translation>موقع المورّد</translation>
    </message>
    <message>
        <source>View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Internal Location</source>
        <translation>موقع داخلي</translation>
    </message>
    <message>
        <source>Customer Location</source>
        <translation>موقع العميل</translation>
    </message>
    <message>
        <source>Inventory Loss</source>
        <translation>خسارة المخزون</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>الإنتاج</translation>
    </message>
    <message>
        <source>Transit Location</source>
        <translation>موقع العبور</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Lot/Serial</source>
        <translation>الدفعة/الرقم التسلسلي</translation>
    </message>
    <message>
        <source>Journal Entry</source>
        <translation>قيد اليومية</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>الشريك</translation>
    </message>
    <message>
        <source>Invoice/Bill Date</source>
        <translation>تاريخ الفاتورة</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Customer Invoice</source>
        <translation>فاتورة العميل</translation>
    </message>
    <message>
        <source>Customer Credit Note</source>
        <translation>إشعار دائن للعميل</translation>
    </message>
    <message>
        <source>Vendor Bill</source>
        <translation>فاتورة المورّد</translation>
    </message>
    <message>
        <source>Vendor Credit Note</source>
        <translation>إشعار دائن للمورّد</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>مرحّل</translation>
    </message>
    <message>
        <source>Lead/Opportunity</source>
        <translation>عميل محتمل/فرصة</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>الفرصة</translation>
    </message>
    <message>
        <source>Expected Revenue</source>
        <translation>الإيراد المتوقع</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>الاحتمالية</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>عميل محتمل</translation>
    </message>
    <message>
        <source>Expected Closing</source>
        <translation>الإغلاق المتوقع</translation>
    </message>
    <message>
        <source>CRM Stages</source>
        <translation>مراحل إدارة العملاء</translation>
    </message>
    <message>
        <source>Stage Name</source>
        <translation>اسم المرحلة</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>التسلسل</translation>
    </message>
    <message>
        <source>Is Won Stage?</source>
        <translation>مرحلة فوز؟</translation>
    </message>
    <message>
        <source>Calendar Event</source>
        <translation>فعالية التقويم</translation>
    </message>
    <message>
        <source>Meeting Subject</source>
        <translation>موضوع الاجتماع</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>All Day</source>
        <translation>طوال اليوم</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>النشاط</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Due Date</source>
        <translation>تاريخ الاستحقاق</translation>
    </message>
    <message>
        <source>Related Document Model</source>
        <translation>نموذج المستند المرتبط</translation>
    </message>
    <message>
        <source>Related Document ID</source>
        <translation>معرّف المستند المرتبط</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>Employee Name</source>
        <translation>اسم الموظف</translation>
    </message>
    <message>
        <source>Job Title</source>
        <translation>المسمى الوظيفي</translation>
    </message>
    <message>
        <source>Work Email</source>
        <translation>بريد العمل</translation>
    </message>
    <message>
        <source>Work Phone</source>
        <translation>هاتف العمل</translation>
    </message>
    <message>
        <source>Work Mobile</source>
        <translation>جوال العمل</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>مطلوب</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>يجب أن يكون عدداً صحيحاً</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>يجب أن يكون رقماً</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>يجب أن يكون نعم أو لا</translation>
    </message>
    <message>
        <source>must be a record</source>
        <translation>يجب أن يكون سجلاً معروفاً</translation>
    </message>
    <message>
        <source>must be one of the listed values</source>
        <translation>يجب أن يكون من القيم المعروضة</translation>
    </message>
    <message>
        <source>is not one of the listed values</source>
        <translation>ليست من القيم المعروضة</translation>
    </message>
    <message>
        <source>must be a date like 2026-11-29</source>
        <translation>يجب أن يكون تاريخاً مثل 2026-11-29</translation>
    </message>
    <message>
        <source>must be a date and time like 2026-11-29 14:30:00</source>
        <translation>يجب أن يكون تاريخاً ووقتاً مثل 2026-11-29 14:30:00</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>يجب أن يكون نصاً</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>ليس عدداً صحيحاً</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>ليس رقماً</translation>
    </message>
    <message>
        <source>is not yes or no</source>
        <translation>ليس نعم أو لا</translation>
    </message>
    <message>
        <source>is not valid JSON</source>
        <translation>ليس JSON صالحاً</translation>
    </message>
    <message>
        <source>has an unknown type</source>
        <translation>من نوع غير معروف</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Demo: simulated devices on a database of their own (%1).</source>
        <translation>عرض تجريبي: أجهزة محاكاة على قاعدة بيانات خاصة بها (%1).</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>متصل بـ %1 باسم %2</translation>
    </message>
    <message>
        <source>Using the local database, as chosen at login. Choose the mode in Settings.</source>
        <translation>تُستخدم قاعدة البيانات المحلية كما اخترت عند تسجيل الدخول. اختر الوضع من الإعدادات.</translation>
    </message>
</context>
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
        <translation>الجهاز يفوز</translation>
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
        <source>Resolution</source>
        <translation>الحل</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>الحقول</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>The record&apos;s id in its model</source>
        <translation>معرّف السجل في نموذجه</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (⁦%2⁩)</translation>
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
        <source>Resolution failed: %1</source>
        <translation>فشل الحل: %1</translation>
    </message>
    <message>
        <source>Conflict %1 resolved</source>
        <translation>تم حل التعارض %1</translation>
    </message>
    <message>
        <source>Filter by model, device or field…</source>
        <translation>تصفية حسب النموذج أو الجهاز أو الحقل…</translation>
    </message>
    <message>
        <source>Selected:</source>
        <translation>المحدد:</translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation>الخادم يفوز</translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation>الجهاز يفوز</translation>
    </message>
    <message>
        <source>Resolve selected</source>
        <translation>حل المحدد</translation>
    </message>
    <message>
        <source>No open conflicts. A conflict appears here when a device changes a record that changed on the server meanwhile and its strategy is manual.</source>
        <translation>لا توجد تعارضات مفتوحة. يظهر التعارض هنا عندما يعدّل جهاز سجلاً تغيّر على الخادم في الأثناء وتكون استراتيجيته يدوية.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>لا تعارضات</numerusform>
            <numerusform>تعارض واحد</numerusform>
            <numerusform>تعارضان</numerusform>
            <numerusform>%Ln تعارضات</numerusform>
            <numerusform>%Ln تعارضاً</numerusform>
            <numerusform>%Ln تعارض</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts to show.</source>
        <translation>لا توجد تعارضات لعرضها.</translation>
    </message>
    <message>
        <source>the device&apos;s values</source>
        <translation>قيم الجهاز</translation>
    </message>
    <message>
        <source>the server&apos;s values</source>
        <translation>قيم الخادم</translation>
    </message>
    <message>
        <source>Resolve conflicts</source>
        <translation>حل التعارضات</translation>
    </message>
    <message numerus="yes">
        <source>Resolve %Ln conflict(s) with %1?</source>
        <translation>
            <numerusform>حل %Ln تعارض بـ%1؟</numerusform>
            <numerusform>حل تعارض واحد بـ%1؟</numerusform>
            <numerusform>حل تعارضين بـ%1؟</numerusform>
            <numerusform>حل %Ln تعارضات بـ%1؟</numerusform>
            <numerusform>حل %Ln تعارضاً بـ%1؟</numerusform>
            <numerusform>حل %Ln تعارض بـ%1؟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln conflict(s) resolved: %2</source>
        <translation>
            <numerusform>%1 من %Ln تعارض حُلّت: %2</numerusform>
            <numerusform>%1 من تعارض واحد حُلّ: %2</numerusform>
            <numerusform>%1 من تعارضين حُلّت: %2</numerusform>
            <numerusform>%1 من %Ln تعارضات حُلّت: %2</numerusform>
            <numerusform>%1 من %Ln تعارضاً حُلّت: %2</numerusform>
            <numerusform>%1 من %Ln تعارض حُلّت: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) resolved</source>
        <translation>
            <numerusform>لم يُحل أي تعارض</numerusform>
            <numerusform>حُلّ تعارض واحد</numerusform>
            <numerusform>حُلّ تعارضان</numerusform>
            <numerusform>حُلّت %Ln تعارضات</numerusform>
            <numerusform>حُلّ %Ln تعارضاً</numerusform>
            <numerusform>حُلّ %Ln تعارض</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no open conflicts: nothing to compare.</source>
        <translation>لا توجد تعارضات مفتوحة: لا شيء للمقارنة.</translation>
    </message>
    <message>
        <source>There are no conflicts here: nothing to compare.</source>
        <translation>لا توجد تعارضات هنا: لا شيء للمقارنة.</translation>
    </message>
    <message>
        <source>Select a conflict to compare the device&apos;s values with the server&apos;s.</source>
        <translation>اختر تعارضاً لمقارنة قيم الجهاز بقيم الخادم.</translation>
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
        <source>Pushed changes</source>
        <translation>التغييرات المرسلة</translation>
    </message>
    <message>
        <source>changes/s</source>
        <translation>تغيير/ث</translation>
    </message>
    <message>
        <source>Pulled events</source>
        <translation>الأحداث المستلمة</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>حدث/ث</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>م.ث</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>conflicts/min</source>
        <translation>تعارض/د</translation>
    </message>
    <message>
        <source>Stored history, then live samples each second (up to 1 hour); hover a line for its values</source>
        <translation>السجل المحفوظ، ثم عينة مباشرة كل ثانية (حتى ساعة واحدة)؛ مرّر المؤشر فوق خط لرؤية قيمه</translation>
    </message>
    <message>
        <source>Push latency</source>
        <translation>زمن الإرسال</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln دقيقة</numerusform>
            <numerusform>دقيقة واحدة</numerusform>
            <numerusform>دقيقتان</numerusform>
            <numerusform>%Ln دقائق</numerusform>
            <numerusform>%Ln دقيقة</numerusform>
            <numerusform>%Ln دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln ساعة</numerusform>
            <numerusform>ساعة واحدة</numerusform>
            <numerusform>ساعتان</numerusform>
            <numerusform>%Ln ساعات</numerusform>
            <numerusform>%Ln ساعة</numerusform>
            <numerusform>%Ln ساعة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceDrillDown</name>
    <message>
        <source>Device %1</source>
        <translation>الجهاز %1</translation>
    </message>
    <message>
        <source>Queue report</source>
        <translation>قائمة الانتظار</translation>
    </message>
    <message>
        <source>Latest report:</source>
        <translation>آخر تقرير:</translation>
    </message>
    <message>
        <source>Pushes and pulls</source>
        <translation>الإرسال والاستلام</translation>
    </message>
    <message>
        <source>Last push:</source>
        <translation>آخر إرسال:</translation>
    </message>
    <message>
        <source>Last pull:</source>
        <translation>آخر استلام:</translation>
    </message>
    <message>
        <source>Last result:</source>
        <translation>آخر نتيجة:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>آخر خطأ:</translation>
    </message>
    <message>
        <source>Pushes:</source>
        <translation>الإرسالات:</translation>
    </message>
    <message>
        <source>Pulls:</source>
        <translation>الاستلامات:</translation>
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
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>التعارضات المفتوحة</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>التعارض</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>الحقول</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>منذ</translation>
    </message>
    <message>
        <source>Show in Conflicts</source>
        <translation>عرض في التعارضات</translation>
    </message>
    <message>
        <source>What this device would receive</source>
        <translation>ما سيستلمه هذا الجهاز</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>nothing pending</source>
        <translation>لا شيء معلّق</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s), oldest %1</source>
        <translation>
            <numerusform>لا تغييرات معلّقة</numerusform>
            <numerusform>تغيير معلّق واحد، أقدمها %1</numerusform>
            <numerusform>تغييران معلّقان، أقدمهما %1</numerusform>
            <numerusform>%Ln تغييرات معلّقة، أقدمها %1</numerusform>
            <numerusform>%Ln تغييراً معلّقاً، أقدمها %1</numerusform>
            <numerusform>%Ln تغيير معلّق، أقدمها %1</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبداً</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>success</source>
        <translation>نجاح</translation>
    </message>
    <message>
        <source>open conflicts</source>
        <translation>تعارضات مفتوحة</translation>
    </message>
    <message>
        <source>error reported by the device</source>
        <translation>خطأ أبلغ عنه الجهاز</translation>
    </message>
    <message>
        <source>no sync yet</source>
        <translation>لا مزامنة بعد</translation>
    </message>
    <message>
        <source>%1: %2; %3 applied, %4 failed, %5 in conflict</source>
        <translation>%1: %2؛ %3 مطبّقة، %4 فاشلة، %5 في تعارض</translation>
    </message>
    <message numerus="yes">
        <source>%Ln push(es)</source>
        <translation>
            <numerusform>لا إرسال</numerusform>
            <numerusform>إرسال واحد</numerusform>
            <numerusform>إرسالان</numerusform>
            <numerusform>%Ln إرسالات</numerusform>
            <numerusform>%Ln إرسالاً</numerusform>
            <numerusform>%Ln إرسال</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>لا تغييرات</numerusform>
            <numerusform>تغيير واحد</numerusform>
            <numerusform>تغييران</numerusform>
            <numerusform>%Ln تغييرات</numerusform>
            <numerusform>%Ln تغييراً</numerusform>
            <numerusform>%Ln تغيير</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pull(s)</source>
        <translation>
            <numerusform>لا استلام</numerusform>
            <numerusform>استلام واحد</numerusform>
            <numerusform>استلامان</numerusform>
            <numerusform>%Ln استلامات</numerusform>
            <numerusform>%Ln استلاماً</numerusform>
            <numerusform>%Ln استلام</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) received</source>
        <translation>
            <numerusform>لم يُستلم أي حدث</numerusform>
            <numerusform>حدث واحد مستلم</numerusform>
            <numerusform>حدثان مستلمان</numerusform>
            <numerusform>%Ln أحداث مستلمة</numerusform>
            <numerusform>%Ln حدثاً مستلماً</numerusform>
            <numerusform>%Ln حدث مستلم</numerusform>
        </translation>
    </message>
    <message>
        <source>No change from this device is in the event log yet; its pushed changes appear here.</source>
        <translation>لا يوجد تغيير من هذا الجهاز في سجل الأحداث بعد؛ تظهر هنا التغييرات التي يرسلها.</translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln change(s) of %1 this device pushed.</source>
        <translation>
            <numerusform>لا تغييرات من أصل %1 أرسلها هذا الجهاز.</numerusform>
            <numerusform>آخر تغيير من أصل %1 أرسلها هذا الجهاز.</numerusform>
            <numerusform>آخر تغييرين من أصل %1 أرسلها هذا الجهاز.</numerusform>
            <numerusform>آخر %Ln تغييرات من أصل %1 أرسلها هذا الجهاز.</numerusform>
            <numerusform>آخر %Ln تغييراً من أصل %1 أرسلها هذا الجهاز.</numerusform>
            <numerusform>آخر %Ln تغيير من أصل %1 أرسلها هذا الجهاز.</numerusform>
        </translation>
    </message>
    <message>
        <source>No open conflict: when a change of this device meets a newer server version, the conflict appears here.</source>
        <translation>لا تعارض مفتوح: عندما يصادف تغيير من هذا الجهاز نسخة أحدث على الخادم، يظهر التعارض هنا.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln open conflict(s)</source>
        <translation>
            <numerusform>لا تعارضات مفتوحة</numerusform>
            <numerusform>تعارض مفتوح واحد</numerusform>
            <numerusform>تعارضان مفتوحان</numerusform>
            <numerusform>%Ln تعارضات مفتوحة</numerusform>
            <numerusform>%Ln تعارضاً مفتوحاً</numerusform>
            <numerusform>%Ln تعارض مفتوح</numerusform>
        </translation>
    </message>
    <message>
        <source>The device has not pulled yet, so its app type is unknown; after its first pull, its models and their sizes appear here.</source>
        <translation>لم يستلم الجهاز شيئاً بعد، لذا نوع تطبيقه غير معروف؛ بعد أول استلام تظهر هنا نماذجه وأحجامها.</translation>
    </message>
    <message numerus="yes">
        <source>A full pull as %1 would bring %Ln record(s), %2 of record data (events and protocol overhead not counted).</source>
        <translation>
            <numerusform>استلام كامل بصفة %1 لن يجلب أي سجل، %2 من البيانات (دون احتساب الأحداث وتكلفة البروتوكول).</numerusform>
            <numerusform>استلام كامل بصفة %1 سيجلب سجلاً واحداً، %2 من البيانات (دون احتساب الأحداث وتكلفة البروتوكول).</numerusform>
            <numerusform>استلام كامل بصفة %1 سيجلب سجلين، %2 من البيانات (دون احتساب الأحداث وتكلفة البروتوكول).</numerusform>
            <numerusform>استلام كامل بصفة %1 سيجلب %Ln سجلات، %2 من البيانات (دون احتساب الأحداث وتكلفة البروتوكول).</numerusform>
            <numerusform>استلام كامل بصفة %1 سيجلب %Ln سجلاً، %2 من البيانات (دون احتساب الأحداث وتكلفة البروتوكول).</numerusform>
            <numerusform>استلام كامل بصفة %1 سيجلب %Ln سجل، %2 من البيانات (دون احتساب الأحداث وتكلفة البروتوكول).</numerusform>
        </translation>
    </message>
    <message>
        <source>Each push and pull carries a report: the Pending column of the history below is the device&apos;s queue over time.</source>
        <translation>كل إرسال واستلام يحمل تقريراً: عمود «معلّق» في السجل أدناه هو طابور الجهاز عبر الزمن.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>معلّق</translation>
    </message>
    <message>
        <source>The changes below come from the event log.</source>
        <translation>التغييرات أدناه من سجل الأحداث.</translation>
    </message>
    <message>
        <source>No push or pull of this device is recorded yet.</source>
        <translation>لم يُسجَّل أي إرسال أو استلام لهذا الجهاز بعد.</translation>
    </message>
    <message>
        <source>push</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>pull</source>
        <translation>استلام</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 مللي ثانية</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>غير مُبلَّغ</translation>
    </message>
    <message numerus="yes">
        <source>%Ln applied</source>
        <translation>
            <numerusform>%Ln مطبّقة</numerusform>
            <numerusform>%Ln مطبّقة</numerusform>
            <numerusform>%Ln مطبّقة</numerusform>
            <numerusform>%Ln مطبّقة</numerusform>
            <numerusform>%Ln مطبّقة</numerusform>
            <numerusform>%Ln مطبّقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln فاشلة</numerusform>
            <numerusform>%Ln فاشلة</numerusform>
            <numerusform>%Ln فاشلة</numerusform>
            <numerusform>%Ln فاشلة</numerusform>
            <numerusform>%Ln فاشلة</numerusform>
            <numerusform>%Ln فاشلة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln push(es) and pull(s), newest first; the server keeps the last %1.</source>
        <translation>
            <numerusform>آخر %Ln عمليات إرسال واستلام، الأحدث أولاً؛ يحتفظ الخادم بآخر %1.</numerusform>
            <numerusform>آخر %Ln عمليات إرسال واستلام، الأحدث أولاً؛ يحتفظ الخادم بآخر %1.</numerusform>
            <numerusform>آخر %Ln عمليات إرسال واستلام، الأحدث أولاً؛ يحتفظ الخادم بآخر %1.</numerusform>
            <numerusform>آخر %Ln عمليات إرسال واستلام، الأحدث أولاً؛ يحتفظ الخادم بآخر %1.</numerusform>
            <numerusform>آخر %Ln عمليات إرسال واستلام، الأحدث أولاً؛ يحتفظ الخادم بآخر %1.</numerusform>
            <numerusform>آخر %Ln عمليات إرسال واستلام، الأحدث أولاً؛ يحتفظ الخادم بآخر %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pushes over time</source>
        <translation>الإرسالات عبر الزمن</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>تغييرات</translation>
    </message>
    <message>
        <source>Changes pushed</source>
        <translation>التغييرات المُرسلة</translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation>في تعارض</translation>
    </message>
    <message>
        <source>Pending (queue report)</source>
        <translation>المعلّقة (تقرير الطابور)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceTableModel</name>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s) ago</source>
        <translation>
            <numerusform>منذ %Ln دقيقة</numerusform>
            <numerusform>منذ دقيقة واحدة</numerusform>
            <numerusform>منذ دقيقتين</numerusform>
            <numerusform>منذ %Ln دقائق</numerusform>
            <numerusform>منذ %Ln دقيقة</numerusform>
            <numerusform>منذ %Ln دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s) ago</source>
        <translation>
            <numerusform>منذ %Ln ساعة</numerusform>
            <numerusform>منذ ساعة واحدة</numerusform>
            <numerusform>منذ ساعتين</numerusform>
            <numerusform>منذ %Ln ساعات</numerusform>
            <numerusform>منذ %Ln ساعة</numerusform>
            <numerusform>منذ %Ln ساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>منذ %Ln يوم</numerusform>
            <numerusform>منذ يوم واحد</numerusform>
            <numerusform>منذ يومين</numerusform>
            <numerusform>منذ %Ln أيام</numerusform>
            <numerusform>منذ %Ln يومًا</numerusform>
            <numerusform>منذ %Ln يوم</numerusform>
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
    <message>
        <source>Last push or pull</source>
        <translation>آخر إرسال أو استلام</translation>
    </message>
    <message>
        <source>The device&apos;s app type: which models it syncs</source>
        <translation>نوع تطبيق الجهاز: النماذج التي يزامنها</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
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
        <source>%1 (user %2)</source>
        <translation>‏%1 (المستخدم %2)</translation>
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
    <message>
        <source>No device has synced yet. Devices appear here after their first push or pull: serve the sync API to your network in Settings, or try bridgecore-console --demo.</source>
        <translation>لم يُزامن أي جهاز بعد. تظهر الأجهزة هنا بعد أول إرسال أو استلام لها: شغّل واجهة المزامنة على شبكتك من الإعدادات، أو جرّب bridgecore-console --demo.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln device(s) loaded</source>
        <translation>
            <numerusform>%1 من %Ln جهاز محمّلة</numerusform>
            <numerusform>%1 من جهاز واحد محمّل</numerusform>
            <numerusform>%1 من جهازين محمّلة</numerusform>
            <numerusform>%1 من %Ln أجهزة محمّلة</numerusform>
            <numerusform>%1 من %Ln جهازاً محمّلة</numerusform>
            <numerusform>%1 من %Ln جهاز محمّلة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %Ln event(s) behind</source>
        <translation>
            <numerusform>%1 / لا تأخر</numerusform>
            <numerusform>%1 / متأخر بحدث واحد</numerusform>
            <numerusform>%1 / متأخر بحدثين</numerusform>
            <numerusform>%1 / متأخر بـ%Ln أحداث</numerusform>
            <numerusform>%1 / متأخر بـ%Ln حدثاً</numerusform>
            <numerusform>%1 / متأخر بـ%Ln حدث</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing pending</source>
        <translation>لا شيء معلّق</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s), oldest %1</source>
        <translation>
            <numerusform>لا تغييرات معلّقة، الأقدم %1</numerusform>
            <numerusform>تغيير واحد معلّق، الأقدم %1</numerusform>
            <numerusform>تغييران معلّقان، الأقدم %1</numerusform>
            <numerusform>%Ln تغييرات معلّقة، الأقدم %1</numerusform>
            <numerusform>%Ln تغييراً معلّقاً، الأقدم %1</numerusform>
            <numerusform>%Ln تغيير معلّق، الأقدم %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Look up a change…</source>
        <translation>البحث عن تغيير…</translation>
    </message>
    <message>
        <source>Whether and when one of a device&apos;s changes was applied</source>
        <translation>هل ومتى طُبّق أحد تغييرات الجهاز</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>التفاصيل…</translation>
    </message>
    <message>
        <source>Queue, pushes and pulls, conflicts and what this device would receive (or double-click a device)</source>
        <translation>قائمة الانتظار والإرسال والاستلام والتعارضات وما سيستلمه هذا الجهاز (أو انقر نقراً مزدوجاً على جهاز)</translation>
    </message>
    <message>
        <source>Select a device to see its details.</source>
        <translation>اختر جهازًا لعرض تفاصيله.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s)</source>
        <translation>
            <numerusform>لا تغييرات معلّقة</numerusform>
            <numerusform>تغيير معلّق واحد</numerusform>
            <numerusform>تغييران معلّقان</numerusform>
            <numerusform>%Ln تغييرات معلّقة</numerusform>
            <numerusform>%Ln تغييراً معلّقاً</numerusform>
            <numerusform>%Ln تغيير معلّق</numerusform>
        </translation>
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
    <message>
        <source>Conflict %1 resolved by %2 on the server: the device&apos;s change %3 did not write this event</source>
        <translation>حُلّ التعارض %1 بواسطة %2 على الخادم: لم يكتب تغيير الجهاز %3 هذا الحدث</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>مدمج</translation>
    </message>
    <message>
        <source>client wins</source>
        <translation>الجهاز يفوز</translation>
    </message>
    <message>
        <source>server wins</source>
        <translation>الخادم يفوز</translation>
    </message>
    <message>
        <source>resolve #%1 (%2)</source>
        <translation>حل رقم %1 (%2)</translation>
    </message>
    <message>
        <source>server, for %1</source>
        <translation>الخادم، لصالح %1</translation>
    </message>
    <message>
        <source>The record&apos;s id in its model</source>
        <translation>معرّف السجل في نموذجه</translation>
    </message>
    <message>
        <source>The event&apos;s number: the server numbers a tenant&apos;s events in the order it writes them</source>
        <translation>رقم الحدث: يرقّم الخادم أحداث المستأجر بترتيب كتابتها</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
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
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>لا أحداث</numerusform>
            <numerusform>حدث واحد</numerusform>
            <numerusform>حدثان</numerusform>
            <numerusform>%Ln أحداث</numerusform>
            <numerusform>%Ln حدثاً</numerusform>
            <numerusform>%Ln حدث</numerusform>
        </translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation>لا يوجد حدث يطابق هذه المرشّحات.</translation>
    </message>
    <message>
        <source>No events yet. Every change a device pushes, and every conflict resolution, appears here, newest first.</source>
        <translation>لا توجد أحداث بعد. يظهر هنا كل تغيير يرسله جهاز وكل حلّ لتعارض، الأحدث أولاً.</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::LedgerLookupDialog</name>
    <message>
        <source>Look up a change</source>
        <translation>البحث عن تغيير</translation>
    </message>
    <message>
        <source>Did a device&apos;s change reach the server? Give the device and the change&apos;s local id (shown on the device).</source>
        <translation>هل وصل تغيير الجهاز إلى الخادم؟ أدخل الجهاز والمعرّف المحلي للتغيير (يظهر على الجهاز).</translation>
    </message>
    <message>
        <source>e.g. 3f2a…-local-17</source>
        <translation>مثال: 3f2a…-local-17</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>الجهاز:</translation>
    </message>
    <message>
        <source>Local id:</source>
        <translation>المعرّف المحلي:</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>ابحث</translation>
    </message>
    <message>
        <source>The answer appears here.</source>
        <translation>تظهر الإجابة هنا.</translation>
    </message>
    <message>
        <source>Give both the device and the local id.</source>
        <translation>أدخل الجهاز والمعرّف المحلي معًا.</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>فشل البحث: %1</translation>
    </message>
    <message>
        <source>No: change %1 of %2 never reached the server as applied. It is still queued on the device, or the server refused it (refused changes are not remembered; the device shows them as failed).</source>
        <translation>لا: التغيير %1 من %2 لم يُطبَّق على الخادم قط. إما أنه ما زال في قائمة انتظار الجهاز، أو رفضه الخادم (التغييرات المرفوضة لا تُحفظ؛ يعرضها الجهاز كفاشلة).</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <source>It arrived but was held as a conflict on %1 %2</source>
        <translation>وصل لكنه احتُجز كتعارض على %1 %2</translation>
    </message>
    <message>
        <source>(conflict %1: see Conflicts).</source>
        <translation>(التعارض %1: راجع التعارضات).</translation>
    </message>
    <message>
        <source>Yes: applied, it created %1 %2</source>
        <translation>نعم: طُبّق وأنشأ %1 %2</translation>
    </message>
    <message>
        <source>Yes: applied to %1 %2</source>
        <translation>نعم: طُبّق على %1 %2</translation>
    </message>
    <message>
        <source>(version %1).</source>
        <translation>(الإصدار %1).</translation>
    </message>
    <message>
        <source>Applied at %1 (event %2).</source>
        <translation>طُبّق في %1 (الحدث %2).</translation>
    </message>
    <message>
        <source>If the device sends it again, the server answers from this entry and does not apply it twice.</source>
        <translation>إذا أرسله الجهاز مرة أخرى، يجيب الخادم من هذا القيد ولا يطبّقه مرتين.</translation>
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
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Use the local database</source>
        <translation>استخدام قاعدة البيانات المحلية</translation>
    </message>
    <message>
        <source>Run the console on its own database on this computer instead</source>
        <translation>تشغيل وحدة التحكم على قاعدة بياناتها الخاصة على هذا الحاسوب بدلاً من ذلك</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;الملف</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;زامن الآن</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خر&amp;وج</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>مساعد&amp;ة</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>حو&amp;ل</translation>
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
        <source>Demo (separate database)</source>
        <translation>عرض تجريبي (قاعدة بيانات منفصلة)</translation>
    </message>
    <message>
        <source>Local database</source>
        <translation>قاعدة البيانات المحلية</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>عر&amp;ض</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>تمت المزامنة</translation>
    </message>
    <message>
        <source>Pushing</source>
        <translation>جارٍ الإرسال</translation>
    </message>
    <message>
        <source>Pulling</source>
        <translation>جارٍ الجلب</translation>
    </message>
    <message>
        <source>%1 %L2 / %L3 · %L4/s</source>
        <translation>%1 %L2 / %L3 · %L4/ث</translation>
    </message>
    <message>
        <source>%1 %L2 / %L3 · %L4/s · %5 s left</source>
        <translation>%1 %L2 / %L3 · %L4/ث · متبقٍ %5 ث</translation>
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
        <translation>الجهاز يفوز</translation>
    </message>
    <message>
        <source>Submit merge</source>
        <translation>إرسال الدمج</translation>
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
        <source>changed on both sides to different values</source>
        <translation>تغيّر على الجانبين بقيم مختلفة</translation>
    </message>
    <message>
        <source>device and server differ</source>
        <translation>الجهاز والخادم مختلفان</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>الخط العريض</translation>
    </message>
    <message>
        <source>the value the result takes</source>
        <translation>القيمة التي يأخذها الناتج</translation>
    </message>
    <message>
        <source>device&apos;s version %1, server version %2</source>
        <translation>إصدار الجهاز %1، إصدار الخادم %2</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>الخادم</translation>
    </message>
    <message>
        <source>Resolved by %1 on %2</source>
        <translation>حلّه %1 في %2</translation>
    </message>
    <message>
        <source>Select a conflict to compare the device&apos;s values with the server&apos;s.</source>
        <translation>اختر تعارضاً لمقارنة قيم الجهاز بقيم الخادم.</translation>
    </message>
    <message>
        <source>%1 %2: the result keeps its value.</source>
        <translation>%1 %2: تحتفظ النتيجة بقيمتها.</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>النموذج: %1</translation>
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
    <message>
        <source>p50 push latency (ms)</source>
        <translation>زمن الإرسال p50 (م.ث)</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooConnectionsView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 مللي ثانية</translation>
    </message>
    <message>
        <source>Odoo</source>
        <translation>Odoo</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>Only an admin sees the Odoo connection.</source>
        <translation>لا يرى اتصال Odoo إلا المسؤول.</translation>
    </message>
    <message>
        <source>The Odoo connection could not be read: %1</source>
        <translation>تعذّرت قراءة اتصال Odoo: %1</translation>
    </message>
    <message>
        <source>No tenant is attached to Odoo. Attach one with: %1</source>
        <translation>لا يوجد مستأجر مرتبط بـ Odoo. اربط مستأجراً بالأمر: %1</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>المستأجر:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>العنوان:</translation>
    </message>
    <message>
        <source>Odoo database:</source>
        <translation>قاعدة بيانات Odoo:</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>اسم الدخول:</translation>
    </message>
    <message>
        <source>API:</source>
        <translation>الواجهة البرمجية:</translation>
    </message>
    <message>
        <source>JSON-2 (Odoo 19 and later)</source>
        <translation>JSON-2 (‏Odoo 19 وما بعده)</translation>
    </message>
    <message>
        <source>JSON-RPC (Odoo 14 to 18)</source>
        <translation>JSON-RPC (‏Odoo 14 إلى 18)</translation>
    </message>
    <message>
        <source>Odoo version:</source>
        <translation>إصدار Odoo:</translation>
    </message>
    <message>
        <source>%1, user id %2</source>
        <translation>%1، رقم المستخدم %2</translation>
    </message>
    <message>
        <source>The Odoo feed is not running in this console: last contact, feed lag and write latency are known to the server (bridgecore-server serve) that runs it.</source>
        <translation>تدفق Odoo لا يعمل في هذه الوحدة: آخر اتصال وتأخر التدفق وزمن الكتابة يعرفها الخادم (bridgecore-server serve) الذي يشغّله.</translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation>آخر اتصال:</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>ليس بعد</translation>
    </message>
    <message>
        <source>Feed lag:</source>
        <translation>تأخر التدفق:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>آخر خطأ:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Odoo write latency:</source>
        <translation>زمن الكتابة في Odoo:</translation>
    </message>
    <message numerus="yes">
        <source>%1 per write batch (%n batches)</source>
        <translation>
            <numerusform>%1 لكل دفعة كتابة (لا دفعات)</numerusform>
            <numerusform>%1 لكل دفعة كتابة (دفعة واحدة)</numerusform>
            <numerusform>%1 لكل دفعة كتابة (دفعتان)</numerusform>
            <numerusform>%1 لكل دفعة كتابة (%n دفعات)</numerusform>
            <numerusform>%1 لكل دفعة كتابة (%n دفعة)</numerusform>
            <numerusform>%1 لكل دفعة كتابة (%n دفعة)</numerusform>
        </translation>
    </message>
    <message>
        <source>no push written to Odoo yet</source>
        <translation>لم يُكتب أي إرسال في Odoo بعد</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>اختبار الاتصال</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>جارٍ الاختبار…</translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation>فشل الاختبار: %1</translation>
    </message>
    <message>
        <source>Connected: Odoo %1, user id %2</source>
        <translation>متصل: Odoo %1، رقم المستخدم %2</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooFieldLabels</name>
    <message>
        <source>Field labels from Odoo</source>
        <translation>تسميات الحقول من Odoo</translation>
    </message>
    <message>
        <source>Odoo is unreachable (%1): field labels as Odoo gave them at %2</source>
        <translation>تعذّر الوصول إلى Odoo ‏(%1): تسميات الحقول كما قدّمها Odoo في %2</translation>
    </message>
    <message>
        <source>Odoo is unreachable (%1): built-in field labels</source>
        <translation>تعذّر الوصول إلى Odoo ‏(%1): تسميات الحقول المدمجة</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooKpis</name>
    <message>
        <source>Odoo write latency</source>
        <translation>زمن الكتابة في Odoo</translation>
    </message>
    <message>
        <source>Odoo feed lag</source>
        <translation>تأخر تدفق Odoo</translation>
    </message>
    <message>
        <source>no feed here</source>
        <translation>لا تدفق هنا</translation>
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
    <message>
        <source>write</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>حذف</translation>
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
    <message>
        <source>Send a failed change again</source>
        <translation>إعادة إرسال تغيير فاشل</translation>
    </message>
    <message>
        <source>Revert a change that was not sent yet</source>
        <translation>التراجع عن تغيير لم يُرسل بعد</translation>
    </message>
    <message>
        <source>Nothing waiting. Changes you make under Records queue here until the next sync sends them.</source>
        <translation>لا شيء في الانتظار. التغييرات التي تجريها في السجلات تنتظر هنا حتى ترسلها المزامنة التالية.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending</source>
        <translation>
            <numerusform>%Ln معلّق</numerusform>
            <numerusform>%Ln معلّق</numerusform>
            <numerusform>%Ln معلّق</numerusform>
            <numerusform>%Ln معلّق</numerusform>
            <numerusform>%Ln معلّق</numerusform>
            <numerusform>%Ln معلّق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in flight</source>
        <translation>
            <numerusform>%Ln قيد الإرسال</numerusform>
            <numerusform>%Ln قيد الإرسال</numerusform>
            <numerusform>%Ln قيد الإرسال</numerusform>
            <numerusform>%Ln قيد الإرسال</numerusform>
            <numerusform>%Ln قيد الإرسال</numerusform>
            <numerusform>%Ln قيد الإرسال</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln فاشل</numerusform>
            <numerusform>%Ln فاشل</numerusform>
            <numerusform>%Ln فاشل</numerusform>
            <numerusform>%Ln فاشل</numerusform>
            <numerusform>%Ln فاشل</numerusform>
            <numerusform>%Ln فاشل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
            <numerusform>%Ln في تعارض</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln synced</source>
        <translation>
            <numerusform>%Ln تمت مزامنته</numerusform>
            <numerusform>%Ln تمت مزامنته</numerusform>
            <numerusform>%Ln تمت مزامنته</numerusform>
            <numerusform>%Ln تمت مزامنته</numerusform>
            <numerusform>%Ln تمت مزامنته</numerusform>
            <numerusform>%Ln تمت مزامنته</numerusform>
        </translation>
    </message>
    <message>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
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
        <source>Created</source>
        <translation>أُنشئ</translation>
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
        <source>Change %1</source>
        <translation>التغيير %1</translation>
    </message>
    <message>
        <source>No device has failed or waiting pushes. A device appears here when it reports changes waiting or an error, or has open conflicts.</source>
        <translation>لا يوجد جهاز لديه إرسالات فاشلة أو معلّقة. يظهر الجهاز هنا عندما يُبلغ عن تغييرات معلّقة أو عن خطأ، أو عندما تكون لديه تعارضات مفتوحة.</translation>
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
        <source>* required</source>
        <translation>* مطلوب</translation>
    </message>
    <message>
        <source>Search %1…</source>
        <translation>ابحث في %1…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>لم يُحفظ: %1</translation>
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
        <source>Sync</source>
        <translation>المزامنة</translation>
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
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>لا سجلات</numerusform>
            <numerusform>سجل واحد</numerusform>
            <numerusform>سجلان</numerusform>
            <numerusform>%Ln سجلات</numerusform>
            <numerusform>%Ln سجلاً</numerusform>
            <numerusform>%Ln سجل</numerusform>
        </translation>
    </message>
    <message>
        <source>No %1 in this console&apos;s cache yet. Records arrive with the next sync from the server, or create one with “New…”.</source>
        <translation>لا توجد سجلات «%1» في ذاكرة هذه الوحدة بعد. تصل السجلات مع المزامنة التالية من الخادم، أو أنشئ واحداً بزر «جديد…».</translation>
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
        <translation>الجهاز يفوز</translation>
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
    <message>
        <source>this computer (SQLite)</source>
        <translation>هذا الحاسوب (SQLite)</translation>
    </message>
    <message>
        <source>Empty: a SQLite file in the data folder. Or a PostgreSQL URI, postgresql://user@host/dbname, shared with bridgecore-server processes. Used from the next start.</source>
        <translation>فارغ: ملف SQLite في مجلد البيانات. أو عنوان PostgreSQL بصيغة postgresql://user@host/dbname مشترك مع عمليات bridgecore-server. يُستخدم من التشغيل التالي.</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>قاعدة البيانات:</translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::TimeChart</name>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
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
    <name>bridgecore::ui::WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation>مرحباً</translation>
    </message>
    <message>
        <source>The console created its database in:</source>
        <translation>أنشأت وحدة التحكم قاعدة بياناتها في:</translation>
    </message>
    <message>
        <source>Administrator for devices that sync to it</source>
        <translation>المسؤول عن الأجهزة التي تتزامن معها</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <source>This password is shown only once and is not written to any log; you can reset it under Users and app types.</source>
        <translation>تُعرض كلمة المرور هذه مرة واحدة فقط ولا تُكتب في أي سجل؛ يمكنك إعادة تعيينها من المستخدمون وأنواع التطبيقات.</translation>
    </message>
    <message>
        <source>What next</source>
        <translation>الخطوة التالية</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>جرّب العرض التجريبي</translation>
    </message>
    <message>
        <source>Simulated devices on a separate database (bridgecore-console --demo); this one stays clean.</source>
        <translation>أجهزة محاكاة على قاعدة بيانات منفصلة (bridgecore-console --demo)؛ تبقى هذه القاعدة نظيفة.</translation>
    </message>
    <message>
        <source>Serve devices on the network…</source>
        <translation>خدمة الأجهزة على الشبكة…</translation>
    </message>
    <message>
        <source>Let phones and tablets on your network sync to this computer (Settings).</source>
        <translation>اسمح للهواتف والأجهزة اللوحية على شبكتك بالمزامنة مع هذا الحاسوب (الإعدادات).</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>الاتصال بخادم…</translation>
    </message>
    <message>
        <source>Use a BridgeCore server instead of this computer&apos;s database (Settings).</source>
        <translation>استخدم خادم BridgeCore بدلاً من قاعدة بيانات هذا الحاسوب (الإعدادات).</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of BridgeCore Sync.</source>
        <translation>وحدة تحكم سطح المكتب لـ BridgeCore Sync.</translation>
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
        <source>Connect to the server at &lt;url&gt; (connected mode).</source>
        <translation>الاتصال بالخادم على العنوان &lt;url&gt; (الوضع المتصل).</translation>
    </message>
    <message>
        <source>Run simulated devices on a separate demo database.</source>
        <translation>تشغيل أجهزة محاكاة على قاعدة بيانات تجريبية منفصلة.</translation>
    </message>
</context>
</TS>
