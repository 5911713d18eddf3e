#include "TestDatabase.h"

#include "storage/OpenStore.h"
#include "storage/postgres/PgConnection.h"

#include <QUuid>

#include <cstdlib>

namespace bridgecore::testsupport {

namespace {
std::string clusterUri() {
    const char* uri = std::getenv("BRIDGECORE_PG_URI");
    return uri ? uri : "";
}
} // namespace

bool testingPostgres() {
    const char* store = std::getenv("BRIDGECORE_TEST_STORE");
    return store && std::string(store) == "postgres";
}

std::string withDatabase(const std::string& base, const std::string& dbname) {
    // postgresql://auth@host:port/DBNAME?query
    const std::size_t authority = base.find("://") + 3;
    const std::size_t slash = base.find('/', authority);
    const std::size_t query = base.find('?', authority);
    const std::string head = base.substr(0, std::min(slash, query));
    const std::string tail = query == std::string::npos ? "" : base.substr(query);
    return head + "/" + dbname + tail;
}

TestDatabase::TestDatabase() {
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return;
    }
    if (!testingPostgres()) {
        m_location = m_dir.filePath(QStringLiteral("sync.db"));
        return;
    }
    const std::string base = clusterUri();
    if (base.empty()) {
        m_error = QStringLiteral("BRIDGECORE_TEST_STORE=postgres needs BRIDGECORE_PG_URI");
        return;
    }
    auto admin = storage::postgres::Connection::open(base);
    if (!admin.ok()) {
        m_error = QString::fromStdString(admin.error().message);
        return;
    }
    const std::string name =
        "bc_test_" + QUuid::createUuid().toString(QUuid::Id128).left(16).toLower().toStdString();
    if (auto s = admin.value()->script("CREATE DATABASE " + name); !s.ok()) {
        m_error = QString::fromStdString(s.error().message);
        return;
    }
    m_pgName = name;
    m_location = QString::fromStdString(withDatabase(base, name));
}

TestDatabase::~TestDatabase() {
    if (m_pgName.empty())
        return;
    // FORCE ends the sessions of server processes a failed test left running.
    if (auto admin = storage::postgres::Connection::open(clusterUri()); admin.ok())
        admin.value()->script("DROP DATABASE IF EXISTS " + m_pgName + " WITH (FORCE)").ok();
}

Result<std::shared_ptr<storage::SyncStore>> openTestStore() {
    if (!testingPostgres())
        return storage::openSqliteStore(":memory:");
    // The database outlives the store: both live in one holder the returned pointer shares.
    struct Holder {
        std::unique_ptr<TestDatabase> database = std::make_unique<TestDatabase>();
        std::shared_ptr<storage::SyncStore> store;
        ~Holder() { store.reset(); }
    };
    auto holder = std::make_shared<Holder>();
    if (!holder->database->valid())
        return Error{ErrorCode::StorageError, holder->database->error().toStdString()};
    auto opened = storage::openStore(holder->database->locationStd(), /*migrate=*/true);
    if (!opened.ok())
        return opened.error();
    holder->store = opened.value();
    return std::shared_ptr<storage::SyncStore>(holder, holder->store.get());
}

} // namespace bridgecore::testsupport
