// ScratchTransaction: a push tried on an Odoo tenant's snapshot reads back its own writes as a
// store would.

#include "odoo/ScratchTransaction.h"
#include "odoo/OdooMirror.h"
#include "storage/SyncStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bridgecore;

class ScratchTransactionTest : public QObject {
    Q_OBJECT

private slots:
    void eventsWrittenAsTextAreReadAsLists() {
        // The push applier hands a create's changed fields over as JSON text (made before the
        // write transaction); what the scratch reads back must name them like a store does,
        // since the Odoo mirror learns from them which fields a device stated.
        QTemporaryDir dir;
        auto opened = storage::openSqliteStore(dir.filePath(QStringLiteral("s.db")).toStdString());
        QVERIFY(opened.ok());
        auto store = opened.value();
        const std::int64_t tenant = store->createTenant("acme").value();
        auto snapshot = store->read();
        QVERIFY(snapshot.ok());
        odoo::ScratchTransaction scratch(std::move(snapshot).value());
        storage::EventRow asText;
        asText.model = "res.partner";
        asText.record_id = 7;
        asText.version = 1;
        asText.data_text = R"({"name":"Ann","phone":"+1 555"})";
        asText.changed_fields_text = R"(["name","phone"])";
        QVERIFY(scratch.appendEvent(tenant, asText).ok());
        storage::EventRow asList = asText;
        asList.version = 2;
        asList.changed_fields = {"phone"};
        asList.changed_fields_text.clear();
        QVERIFY(scratch.appendEvent(tenant, asList).ok());

        auto events = scratch.recordEvents(tenant, "res.partner", 7, 0, odoo::kEveryVersion);
        QVERIFY(events.ok());
        QCOMPARE(events.value().size(), std::size_t(2));
        QCOMPARE(events.value()[0].changed_fields, (std::vector<std::string>{"name", "phone"}));
        QCOMPARE(events.value()[1].changed_fields, (std::vector<std::string>{"phone"}));
        auto logged = odoo::loggedIn(events);
        QVERIFY(logged.ok());
        QCOMPARE(logged.value().stated, (std::set<std::string>{"name", "phone"}));
    }
};

QTEST_GUILESS_MAIN(ScratchTransactionTest)
#include "ScratchTransactionTest.moc"
