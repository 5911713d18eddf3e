#include "DemoSimulator.h"

#include "AsyncCall.h"
#include "ModelCatalog.h"

namespace bridgecore::console {

namespace {
const char* const kNames[] = {"Azure Interior", "Deco Addict", "Gemini Furniture",
                              "Lumber Inc",     "Ready Mat",   "The Jackson Group",
                              "Wood Corner",    "YourCompany", "Brandon Freeman"};
const char* const kStates[] = {"draft", "sent", "sale", "done", "cancel"};

/// The fields the demo's devices edit on a model: ones its catalog entry has (a name, a
/// selection, a number, a note), so the console labels them in every language (it showed
/// English "Qty" and "State" in Arabic for fields no model has). A model the catalog does not
/// know gets the old name/state/qty/note.
struct DemoFields {
    std::string name = "name";
    std::string choice = "state";
    std::vector<std::string> choices{std::begin(kStates), std::end(kStates)};
    std::string number = "qty";
    std::string note = "note";
};
DemoFields demoFields(const std::string& model) {
    DemoFields out;
    const ModelInfo* info = modelInfo(model);
    if (!info)
        return out;
    out = DemoFields{{}, {}, {}, {}, {}};
    for (const auto& f : info->fields) {
        const bool text = f.type == FieldType::Char || f.type == FieldType::Text;
        if (out.name.empty() && text && !f.readonly)
            out.name = f.name;
        else if (out.choice.empty() && f.type == FieldType::Selection) {
            out.choice = f.name;
            for (const auto& [key, label] : f.selection)
                out.choices.push_back(key);
        } else if (out.number.empty() && !f.readonly &&
                   (f.type == FieldType::Float || f.type == FieldType::Integer ||
                    f.type == FieldType::Monetary))
            out.number = f.name;
        else if (out.note.empty() && f.type == FieldType::Text && !f.readonly)
            out.note = f.name;
    }
    if (out.name.empty())
        out.name = "name"; // labelled "Name", which the catalog translates
    return out;
}
} // namespace

DemoSimulator::DemoSimulator(engine::SyncEngine& engine, auth::Accounts& accounts,
                             std::int64_t tenantId, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_accounts(accounts)
    , m_tenantId(tenantId) {
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_busy.exchange(true))
            return; // the previous step is still running
        startOnPool(&m_pool, [this] {
            step();
            m_busy = false;
        });
    });
}

DemoSimulator::~DemoSimulator() {
    stop();
}

void DemoSimulator::stop() {
    m_timer.stop();
    m_pool.waitForDone();
    acquireDrainedPool(m_pool);
}

Status DemoSimulator::createDevices(int count) {
    auto tenantFound = m_accounts.store().tenant(m_tenantId);
    if (!tenantFound.ok())
        return tenantFound.error();
    const auto& tenant = tenantFound.value();
    if (!tenant)
        return Error{ErrorCode::NotFound, "no tenant for the demo"};
    auto mapFound = m_accounts.store().modelMap(m_tenantId);
    if (!mapFound.ok())
        return mapFound.error();
    auto& map = mapFound.value();
    const std::vector<std::string> appTypes = {"sales_app", "delivery_app", "warehouse_app",
                                               "crm_app"};
    for (int i = 0; i < count; ++i) {
        const std::string& app = appTypes[std::size_t(i) % appTypes.size()];
        const std::string email = "demo." + app.substr(0, app.find('_')) + "@bridgecore.local";
        auto found = m_accounts.store().userByEmail(email);
        if (found.ok() && !found.value()) {
            auto id = m_accounts.createUser(tenant->name, email, "Demo " + app,
                                            protocol::Role::User, "demo-password-123");
            if (!id)
                return id.error();
            found = m_accounts.store().user(id.value());
        }
        if (!found.ok())
            return found.error();
        const auto& user = found.value();
        if (!user)
            return Error{ErrorCode::StorageError, "demo user could not be read back"};
        auto d = std::make_unique<Device>();
        char name[64];
        std::snprintf(name, sizeof name, "demo-%s-%02d", app.substr(0, app.find('_')).c_str(),
                      i + 1);
        d->id = name;
        d->appType = app;
        for (const auto& e : map[app])
            d->models.push_back(e.model);
        auto cache = client::ClientCache::open(QStringLiteral(":memory:"));
        if (!cache)
            return cache.error();
        d->cache = std::move(cache.value());
        (void)d->cache->setDeviceId(d->id);
        (void)d->cache->setAppType(app);
        d->flaky = i % 6 == 5;
        d->bad = i == 7;
        if (d->bad) {
            auto models = d->models;
            models.push_back("hr.payslip"); // not in its app type: the server refuses it
            (void)d->cache->setAllowedModels(models);
        }
        d->transport = std::make_unique<client::InProcessTransport>(
            m_engine, engine::Caller{m_tenantId, user->id, protocol::Role::User});
        client::SyncOptions options;
        options.app_version = "demo 1." + std::to_string(i % 3);
        // Different devices, different strategies: some conflicts stay open for the console.
        static const protocol::ConflictStrategy strategies[] = {
            protocol::ConflictStrategy::Manual, protocol::ConflictStrategy::ServerWins,
            protocol::ConflictStrategy::NewestWins, protocol::ConflictStrategy::Manual};
        options.strategy = strategies[std::size_t(i) % 4];
        d->client = std::make_unique<client::SyncClient>(*d->cache, *d->transport, options);
        m_devices.push_back(std::move(d));
    }
    return Status::success();
}

void DemoSimulator::start(int devices, int tickMs) {
    if (m_devices.empty()) {
        if (auto st = createDevices(devices); !st) {
            emit failed(QString::fromStdString(st.error().message));
            return;
        }
    }
    m_timer.start(tickMs);
}

void DemoSimulator::step() {
    if (m_devices.empty())
        return;
    // A few devices per step, so pushes overlap on shared records.
    std::uniform_int_distribution<std::size_t> pick(0, m_devices.size() - 1);
    for (int k = 0; k < 3; ++k)
        stepDevice(*m_devices[pick(m_rng)]);
    ++m_steps;
}

void DemoSimulator::stepDevice(Device& d) {
    std::uniform_int_distribution<int> pct(0, 99);
    if (d.models.empty())
        return;
    // Edits offline.
    const int edits = 1 + pct(m_rng) % 4;
    for (int e = 0; e < edits; ++e) {
        const std::string& model =
            d.models[std::size_t(pct(m_rng)) % std::min<std::size_t>(2, d.models.size())];
        const auto count = d.cache->countRecords(model);
        const int roll = pct(m_rng);
        const DemoFields fields = demoFields(model);
        auto choose = [&](protocol::json& data) {
            if (!fields.choice.empty() && !fields.choices.empty())
                data[fields.choice] =
                    fields.choices[std::size_t(pct(m_rng)) % fields.choices.size()];
        };
        auto setNumber = [&](protocol::json& data) {
            if (!fields.number.empty())
                data[fields.number] = pct(m_rng) % 50;
        };
        if (count < 5 || roll < 20) {
            protocol::json data = {{fields.name, std::string(kNames[pct(m_rng) % 9]) + " " +
                                                     std::to_string(pct(m_rng))}};
            choose(data);
            setNumber(data);
            if (!fields.note.empty())
                data[fields.note] = "";
            (void)d.cache->createRecord(model, data, pct(m_rng) % 11);
        } else {
            // Updates concentrate on the first records, where devices collide.
            auto records = d.cache->records(model, 8, 0);
            if (records.empty())
                continue;
            const auto& r = records[std::size_t(pct(m_rng)) % records.size()];
            if (!r.server_id)
                continue;
            protocol::json data = protocol::json::object();
            if (roll < 60)
                choose(data);
            if (roll % 2 == 0)
                setNumber(data);
            if (roll > 85 && !fields.note.empty())
                data[fields.note] = "checked by " + d.id;
            if (data.empty())
                setNumber(data);
            if (data.empty()) // a model with neither a number nor a selection
                data[fields.name] =
                    std::string(kNames[pct(m_rng) % 9]) + " " + std::to_string(pct(m_rng));
            (void)d.cache->updateRecord(model, r.ref(), data, pct(m_rng) % 11);
        }
    }
    if (d.bad && pct(m_rng) < 30)
        (void)d.cache->createRecord("hr.payslip", {{"name", "Payslip"}});
    // Flaky devices are offline most of the time.
    d.transport->setOffline(d.flaky && pct(m_rng) < 85);
    (void)d.client->sync();
}

} // namespace bridgecore::console
