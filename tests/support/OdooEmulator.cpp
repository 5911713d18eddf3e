#include "OdooEmulator.h"

#include "HttpClient.h"

#include <QElapsedTimer>

namespace bridgecore::testsupport {

QString odooEmulatorScript() {
    const QByteArray src = qgetenv("BRIDGECORE_SOURCE_DIR");
    const QString root =
        src.isEmpty() ? QStringLiteral(BRIDGECORE_DEFAULT_SOURCE_DIR) : QString::fromLocal8Bit(src);
    return root + QStringLiteral("/tests/odoo/odoo_emulator.py");
}

OdooEmulator::OdooEmulator() = default;

OdooEmulator::~OdooEmulator() {
    stop();
}

bool OdooEmulator::start(const QStringList& args, int timeoutMs) {
    stop();
    m_proc = std::make_unique<QProcess>();
    m_proc->setProcessChannelMode(QProcess::SeparateChannels);
    m_proc->start(QStringLiteral("python3"),
                  QStringList{QStringLiteral("-u"), odooEmulatorScript(), QStringLiteral("--port"),
                              QStringLiteral("0")} +
                      args);
    if (!m_proc->waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("python3 did not start: ") + m_proc->errorString();
        return false;
    }
    QElapsedTimer t;
    t.start();
    QByteArray out;
    while (t.elapsed() < timeoutMs) {
        if (!m_proc->waitForReadyRead(200) && m_proc->state() != QProcess::Running)
            break;
        out += m_proc->readAllStandardOutput();
        if (const int tls = out.indexOf("tls on "); tls >= 0 && out.indexOf('\n', tls) > tls)
            m_tlsPort =
                quint16(out.mid(tls + 7, out.indexOf('\n', tls) - tls - 7).trimmed().toUInt());
        const int at = out.indexOf("listening on ");
        const int eol = out.indexOf('\n', at);
        if (at >= 0 && eol > at) {
            m_port = quint16(out.mid(at + 13, eol - at - 13).trimmed().toUInt());
            return m_port != 0;
        }
    }
    m_error = QStringLiteral("the emulator did not start: ") +
              QString::fromUtf8(out + m_proc->readAllStandardError());
    return false;
}

void OdooEmulator::stop() {
    if (!m_proc)
        return;
    if (m_proc->state() != QProcess::NotRunning) {
        m_proc->kill();
        m_proc->waitForFinished(5000);
    }
    m_proc.reset();
    m_port = 0;
    m_tlsPort = 0;
}

QString OdooEmulator::url() const {
    return QStringLiteral("http://127.0.0.1:") + QString::number(m_port);
}

QString OdooEmulator::httpsUrl() const {
    return QStringLiteral("https://127.0.0.1:") + QString::number(m_tlsPort);
}

QString OdooEmulator::tlsFile(const QString& name) {
    QString script = odooEmulatorScript();
    return script.left(script.lastIndexOf(u'/')) + QStringLiteral("/tls/") + name;
}

bool OdooEmulator::startTls(const QString& certName, const QStringList& args) {
    return start(QStringList{QStringLiteral("--tls-cert"), tlsFile(certName + ".pem"),
                             QStringLiteral("--tls-key"), tlsFile(certName + ".key")} +
                 args) &&
           m_tlsPort != 0;
}

nlohmann::json OdooEmulator::control(const QString& command, const nlohmann::json& body) {
    HttpClient http(url());
    HttpRequestOptions opt;
    opt.headers.emplace_back("Content-Type", "application/json");
    opt.timeoutMs = 30000;
    const auto r = http.post(QStringLiteral("/__emulator__/") + command, body, opt);
    return r.status == 200 ? r.json() : nlohmann::json();
}

long long OdooEmulator::calls() {
    const auto s = control(QStringLiteral("stats"));
    return s.is_object() ? s.value("calls", 0LL) : -1;
}

long long OdooEmulator::count(const std::string& model, const nlohmann::json& domain) {
    const auto r = control(QStringLiteral("count"), {{"model", model}, {"domain", domain}});
    return r.is_number_integer() ? r.get<long long>() : -1;
}

} // namespace bridgecore::testsupport
