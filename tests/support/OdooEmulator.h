#pragma once
// Runs tests/odoo/odoo_emulator.py (python3) on a free 127.0.0.1 port for a test, and drives
// its test-only control endpoint (fault switches, statistics, edits made "by an Odoo user").
//
//   bridgecore::testsupport::OdooEmulator odoo;
//   QVERIFY(odoo.start({"--version", "19.0"}));
//   odoo.control("faults", {{"fail_next", 2}});

#include <QProcess>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <memory>

namespace bridgecore::testsupport {

/// The emulator script: $BRIDGECORE_SOURCE_DIR/tests/odoo/odoo_emulator.py, else the source
/// tree this library was configured from.
QString odooEmulatorScript();

class OdooEmulator {
public:
    OdooEmulator();
    ~OdooEmulator(); // stops a running emulator

    /// Starts the emulator with extra arguments (e.g. "--version", "17.0", "--no-webhook");
    /// true once it printed its port.
    bool start(const QStringList& args = {}, int timeoutMs = 20000);
    void stop();
    quint16 port() const { return m_port; }
    /// "http://127.0.0.1:PORT"
    QString url() const;
    /// Starts it serving HTTPS too, with tests/odoo/tls/<certName>.pem/.key ("server": a
    /// certificate for 127.0.0.1 signed by tests/odoo/tls/ca.pem; "wrongname": one for
    /// odoo.example). The control endpoint stays on url().
    bool startTls(const QString& certName, const QStringList& args = {});
    /// "https://127.0.0.1:TLSPORT" (after startTls).
    QString httpsUrl() const;
    /// A file of tests/odoo/tls (e.g. "ca.pem").
    static QString tlsFile(const QString& name);
    /// POST /__emulator__/<command> with `body`; the JSON answer (null on failure).
    nlohmann::json control(const QString& command,
                           const nlohmann::json& body = nlohmann::json::object());
    /// Calls counted by the emulator since the last reset_stats.
    long long calls();
    /// Records of `model` matching `domain` (Odoo's domain syntax).
    long long count(const std::string& model,
                    const nlohmann::json& domain = nlohmann::json::array());
    QString lastError() const { return m_error; }

private:
    std::unique_ptr<QProcess> m_proc;
    quint16 m_port = 0;
    quint16 m_tlsPort = 0;
    QString m_error;
};

} // namespace bridgecore::testsupport
