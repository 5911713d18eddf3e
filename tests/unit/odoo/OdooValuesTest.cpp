// Odoo's value shapes and exception names, as the connector reads them.
#include "odoo/OdooClient.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::odoo;
using protocol::json;

class OdooValuesTest : public QObject {
    Q_OBJECT
private slots:
    void many2one() {
        QCOMPARE(many2oneId(json::parse(R"([7, "Azure Interior"])")).value(), std::int64_t(7));
        QVERIFY(!many2oneId(json(false)).has_value());
        QVERIFY(!many2oneId(json(nullptr)).has_value());
        QCOMPARE(many2oneId(json(12)).value(), std::int64_t(12));
    }
    void datetimes() {
        const auto t = parseOdooDatetime(json("2025-11-24 10:30:00"));
        QVERIFY(t.has_value());
        QCOMPARE(*t, protocol::Millis(1763980200000));
        QCOMPARE(formatOdooDatetime(*t), std::string("2025-11-24 10:30:00"));
        QVERIFY(!parseOdooDatetime(json(false)).has_value());
        QVERIFY(!parseOdooDatetime(json("2025-11-24T10:30:00Z")).has_value());
        QVERIFY(!parseOdooDatetime(json("2025-13-24 10:30:00")).has_value());
    }
    void recordShapes() {
        const json types = json::parse(R"({"partner_id": {"type": "many2one"},
            "note": {"type": "text"}, "is_company": {"type": "boolean"},
            "order_line": {"type": "one2many"}, "amount_total": {"type": "float"}})");
        const json rec = json::parse(R"({"id": 3, "partner_id": [5, "Deco"], "note": false,
            "is_company": false, "order_line": [1, 2], "amount_total": 0.0})");
        const json out = normaliseRecord(rec, types);
        QVERIFY(!out.contains("id"));
        QCOMPARE(out["partner_id"].get<int>(), 5);
        QVERIFY(out["note"].is_null());
        QCOMPARE(out["is_company"].get<bool>(), false);
        QVERIFY(out["order_line"] == json::parse("[1, 2]"));
        QCOMPARE(out["amount_total"].get<double>(), 0.0);
        const json empty = normaliseRecord(json::parse(R"({"partner_id": false})"), types);
        QVERIFY(empty["partner_id"].is_null());
    }
    void exceptionNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        auto row = [](const char* n, int status, ErrorCode c) {
            QTest::newRow(n) << QString::fromLatin1(n) << status << int(c);
        };
        row("odoo.exceptions.AccessError", 403, ErrorCode::AccessDenied);
        row("odoo.exceptions.ValidationError", 422, ErrorCode::OdooValidation);
        row("odoo.exceptions.UserError", 422, ErrorCode::OdooValidation);
        row("odoo.exceptions.MissingError", 404, ErrorCode::RecordNotFound);
        row("odoo.exceptions.AccessDenied", 403, ErrorCode::Unauthorized);
        row("werkzeug.exceptions.Unauthorized", 401, ErrorCode::Unauthorized);
        row("werkzeug.exceptions.NotFound", 404, ErrorCode::NotFound);
        row("psycopg2.errors.NotNullViolation.IntegrityError", 500, ErrorCode::OdooValidation);
        row("werkzeug.exceptions.ServiceUnavailable", 503, ErrorCode::OdooUnavailable);
    }
    void exceptionNames() {
        QFETCH(QString, name);
        QFETCH(int, status);
        QFETCH(int, code);
        QCOMPARE(int(odooErrorCode(name.toStdString(), status)), code);
    }
    void wireNames() {
        QCOMPARE(errorCodeName(ErrorCode::AccessDenied), std::string_view("ACCESS_DENIED"));
        QCOMPARE(errorCodeName(ErrorCode::OdooValidation), std::string_view("ODOO_VALIDATION"));
        QCOMPARE(errorCodeName(ErrorCode::OdooUnavailable), std::string_view("ODOO_UNAVAILABLE"));
        QCOMPARE(parseErrorCode("ODOO_UNAVAILABLE").value(), ErrorCode::OdooUnavailable);
    }
};

QTEST_GUILESS_MAIN(OdooValuesTest)
#include "OdooValuesTest.moc"
