// AdminView over a fixture: users listed, added, disabled, their password reset; the app
// type -> models map shown and edited.

#include "AdminView.h"
#include "Confirm.h"
#include "GuiFixture.h"

#include "Translations.h"
#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QtTest/QtTest>

using namespace bridgecore;
using namespace bridgecore::testing;
using C = ui::UserTableModel::Column;

class AdminViewTest : public QObject {
    Q_OBJECT
private slots:
    void usersAndModelMap();
    void modelHintIsWholeInTheDefaultWindow();
    void appTypeModelsByTheirNames();
    void odooAttachCommandIsReadableWhole();
};

void AdminViewTest::usersAndModelMap() {
    GuiFixture f;
    ui::AdminView view(&f.backend());
    QAbstractItemModelTester tester(view.users());
    view.resize(1100, 600);
    view.show();
    auto& m = *view.users();
    QTRY_COMPARE(m.rowCount(), 2);
    QCOMPARE(m.index(0, int(C::Email)).data().toString(), QStringLiteral("admin@fixture.test"));
    QCOMPARE(m.index(0, int(C::Role)).data().toString(), QStringLiteral("admin"));
    QCOMPARE(m.index(1, int(C::Role)).data().toString(), QStringLiteral("user"));

    QSignalSpy message(&view, &ui::AdminView::message);
    view.addUser(QStringLiteral("picker@fixture.test"), QStringLiteral("Picker"),
                 protocol::Role::User, QStringLiteral("short"));
    QTRY_COMPARE(message.count(), 1); // refused: password too short
    QCOMPARE(m.rowCount(), 2);
    view.addUser(QStringLiteral("picker@fixture.test"), QStringLiteral("Picker"),
                 protocol::Role::Support, QStringLiteral("long-enough-password"));
    QTRY_COMPARE(m.rowCount(), 3);
    QCOMPARE(m.index(2, int(C::Email)).data().toString(), QStringLiteral("picker@fixture.test"));
    QCOMPARE(m.index(2, int(C::Role)).data().toString(), QStringLiteral("support"));
    // Through core/auth: an argon2id hash that the server's login accepts.
    QVERIFY(f.store()
                .userByEmail("picker@fixture.test")
                .value()
                ->password_hash.rfind("$argon2id$", 0) == 0);
    QVERIFY(f.accounts().login("picker@fixture.test", "long-enough-password").ok());

    ui::setConfirmHandler([](const QString&) { return true; });
    view.selectUser(2);
    view.toggleSelectedDisabled();
    QTRY_COMPARE(m.index(2, int(C::Status)).data().toString(), QStringLiteral("disabled"));
    QVERIFY(f.store().userByEmail("picker@fixture.test").value()->disabled);
    ui::setAskTextHandler(
        [](const QString&) { return std::optional<QString>(QStringLiteral("new-password-42")); });
    view.selectUser(2);
    view.resetSelectedPassword();
    QVERIFY(!f.accounts().login("picker@fixture.test", "new-password-42").ok()); // disabled
    view.selectUser(2);
    view.toggleSelectedDisabled();
    QTRY_COMPARE(m.index(2, int(C::Status)).data().toString(), QStringLiteral("active"));
    QTRY_VERIFY(f.accounts().login("picker@fixture.test", "new-password-42").ok());
    ui::setConfirmHandler({});
    ui::setAskTextHandler({});

    // The model map.
    QTRY_VERIFY(!view.modelMap().empty());
    view.showAppType(QStringLiteral("sales_app"));
    QCOMPARE(view.shownModels(),
             (QStringList{QStringLiteral("sale.order"), QStringLiteral("sale.order.line"),
                          QStringLiteral("res.partner"), QStringLiteral("product.product")}));
    view.setShownModels(
        {QStringLiteral("sale.order"), QStringLiteral("res.partner"), QStringLiteral("crm.lead")});
    QSignalSpy saved(&view, &ui::AdminView::modelMapSaved);
    view.saveAppType();
    QTRY_COMPARE(saved.count(), 1);
    auto map = f.engine().modelMap(f.admin);
    QVERIFY(map.ok());
    std::vector<std::string> models;
    for (const auto& e : map.value().at("sales_app"))
        models.push_back(e.model);
    QCOMPARE(models, (std::vector<std::string>{"sale.order", "res.partner", "crm.lead"}));
    saveScreenshot(&view, QStringLiteral("admin"));
}

void AdminViewTest::modelHintIsWholeInTheDefaultWindow() {
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        GuiFixture f;
        ui::AdminView view(&f.backend());
        view.resize(1280 - 215, 700);
        view.show();
        QTRY_COMPARE(view.users()->rowCount(), 2);
        QLineEdit* edit = nullptr; // the one whose hint names a model
        for (auto* e : view.findChildren<QLineEdit*>())
            if (e->placeholderText().contains(QLatin1String("sale.order")))
                edit = e;
        QVERIFY(edit);
        // The hint's text and the frame's margins (~16 px) fit: not "model, e.g. sale.o…".
        const int needed = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 16;
        QVERIFY2(edit->width() >= needed, qPrintable(QStringLiteral("%1: '%2' needs %3 px, has %4")
                                                         .arg(lang, edit->placeholderText())
                                                         .arg(needed)
                                                         .arg(edit->width())));
        // The users' emails are whole: the Odoo box beside them (its one-line attach command)
        // does not squeeze the users table ("…ad" in Arabic, seen under Xvfb).
        auto* users = view.findChild<QTableView*>();
        QVERIFY(users && users->model() == view.users());
        QTRY_COMPARE(users->model()->rowCount(), 2);
        for (int r = 0; r < 2; ++r) {
            const QString email = users->model()->index(r, int(C::Email)).data().toString();
            QVERIFY2(users->fontMetrics().horizontalAdvance(email) + 6 <=
                         users->columnWidth(int(C::Email)),
                     qPrintable(QStringLiteral("%1: '%2' needs %3 px, has %4")
                                    .arg(lang, email)
                                    .arg(users->fontMetrics().horizontalAdvance(email))
                                    .arg(users->columnWidth(int(C::Email)))));
        }
        saveScreenshot(&view, QStringLiteral("admin_default_window_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

void AdminViewTest::appTypeModelsByTheirNames() {
    // The app types' list said "sale.order.line": it names models as the records view does,
    // the technical name in the tooltip; a model is added by either name, saved technically.
    GuiFixture f;
    ui::AdminView view(&f.backend());
    view.resize(1280 - 215, 700);
    view.show();
    QTRY_VERIFY(!view.modelMap().empty());
    view.showAppType(QStringLiteral("sales_app"));
    auto* list = view.findChild<QListWidget*>(QStringLiteral("modelList"));
    QVERIFY(list);
    QStringList shown, tips;
    for (int i = 0; i < list->count(); ++i) {
        shown << list->item(i)->text();
        tips << list->item(i)->toolTip();
    }
    QCOMPARE(shown, (QStringList{QStringLiteral("Sales Order"), QStringLiteral("Sales Order Line"),
                                 QStringLiteral("Contact"), QStringLiteral("Product")}));
    QCOMPARE(tips, (QStringList{QStringLiteral("sale.order"), QStringLiteral("sale.order.line"),
                                QStringLiteral("res.partner"), QStringLiteral("product.product")}));
    QCOMPARE(view.shownModels(),
             (QStringList{QStringLiteral("sale.order"), QStringLiteral("sale.order.line"),
                          QStringLiteral("res.partner"), QStringLiteral("product.product")}));
    // Added by its technical name or by its name: shown by its name, kept technically.
    auto* edit = view.findChild<QLineEdit*>(QStringLiteral("newModel"));
    QPushButton* add = nullptr;
    for (auto* b : view.findChildren<QPushButton*>())
        if (b->text() == QLatin1String("Add"))
            add = b;
    QVERIFY(edit && add);
    edit->setText(QStringLiteral("crm.lead"));
    add->click();
    QCOMPARE(list->item(list->count() - 1)->text(), QStringLiteral("Lead/Opportunity"));
    QCOMPARE(view.shownModels().last(), QStringLiteral("crm.lead"));
    list->clear();
    edit->setText(QStringLiteral("contact"));
    add->click();
    QCOMPARE(view.shownModels(), QStringList{QStringLiteral("res.partner")});
    saveScreenshot(&view, QStringLiteral("admin_model_names"));
}

void AdminViewTest::odooAttachCommandIsReadableWhole() {
    // Beside the users table the attach command showed ~60% of itself and scrolled: every
    // line of it is on screen whole at the default window, in a fixed-pitch font, left to
    // right in every language, and Copy puts the command, as a shell takes it, on the
    // clipboard.
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ar")}) {
        ui::Translations::apply(lang);
        const QSize size = defaultViewSize();
        GuiFixture f;
        ui::AdminView view(&f.backend());
        view.resize(size);
        view.show();
        QTRY_COMPARE(view.users()->rowCount(), 2);
        auto* box = view.findChild<QWidget*>(QStringLiteral("odooAttachCommand"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVariant text = box->property("plainText");
        if (!text.isValid())
            text = box->property("text");
        const QStringList lines = text.toString().split(QLatin1Char('\n'));
        QVERIFY(text.toString().startsWith(QLatin1String("bridgecore-server tenant odoo")));
        QCOMPARE(box->layoutDirection(), Qt::LeftToRight);
        const QFontMetrics fm(box->font());
        QVERIFY2(
            fm.horizontalAdvance(QLatin1Char('i')) == fm.horizontalAdvance(QLatin1Char('M')),
            qPrintable(QFontInfo(box->font()).family() + QStringLiteral(" is not fixed-pitch")));
        int widest = 0;
        for (const QString& line : lines)
            widest = std::max(widest, fm.horizontalAdvance(line));
        auto* area = qobject_cast<QAbstractScrollArea*>(box);
        const int shownWidth = area ? area->viewport()->width() : box->contentsRect().width();
        QVERIFY2(widest + 4 <= shownWidth,
                 qPrintable(QStringLiteral("%1: the command's widest line needs %2 px, %3 shown")
                                .arg(lang)
                                .arg(widest)
                                .arg(shownWidth)));
        if (area) { // every line shown, nothing to scroll to
            QCOMPARE(area->verticalScrollBar()->maximum(), 0);
            QCOMPARE(area->horizontalScrollBar()->maximum(), 0);
        }
        auto* copy = view.findChild<QPushButton*>(QStringLiteral("odooAttachCopy"));
        QVERIFY2(copy && copy->isVisible(), "no Copy button beside the command");
        QGuiApplication::clipboard()->clear();
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), text.toString());
        saveScreenshot(&view, QStringLiteral("admin_odoo_command_") + lang);
    }
    ui::Translations::apply(QStringLiteral("en"));
}

QTEST_MAIN(AdminViewTest)
#include "AdminViewTest.moc"
