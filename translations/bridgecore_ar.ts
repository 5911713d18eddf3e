<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>bridgecore::ui::AdminView</name>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App types and models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model, e.g. sale.order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the models failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models of %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable %1? Their devices can no longer sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for %1 (at least 8 characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password reset failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::ConflictListModel</name>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicting fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::ConflictsView</name>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 resolved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DashboardView</name>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed changes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulled events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 push latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts per minute</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceTableModel</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DevicesView</name>
    <message>
        <source>Search device or app type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App type / version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last event / lag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last push:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last pull:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock skew:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushes / changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success / conflict rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average push / pull:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in / out:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset sync state…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device will pull everything again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only admins may reset devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 devices loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (user %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s), oldest %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pushes, %2 changes (%3 failed, %4 conflicts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% / %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the sync state of %1? The device will download every event again on its next pull.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync state of %1 reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::EventLogModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed fields</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::EventLogView</name>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MainWindow</name>
    <message>
        <source>BridgeCore Sync Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About BridgeCore Sync Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BridgeCore Sync Console
Offline-first sync for ERP data.
Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users and app types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new mode takes effect when the console starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving the sync API on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1. Retrying automatically.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeEditor</name>
    <message>
        <source>Shortcut: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take all local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take all server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local version %1, server version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 on %2 #%3 from device %4 (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved record: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeModel</name>
    <message>
        <source>(unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on both sides to different values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MetricSeriesModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed changes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulled events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 push latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts/min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OutboxModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::PendingView</name>
    <message>
        <source>This console&apos;s outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices with failed or waiting pushes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pending, %2 in flight, %3 failed, %4 conflicts, %5 synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change will be sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard change #%1 (%2 on %3)? The local edit is reverted and never sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change discarded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordForm</name>
    <message>
        <source>New field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordTableModel</name>
    <message>
        <source>new (not synced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited (not synced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::RecordsView</name>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>New %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved offline; it will be sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted offline; it will be sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::SettingsView</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded (this computer is the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual (review in the merge editor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default conflict strategy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the sync API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 serves this computer only; enter a LAN address to let phones connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::UserTableModel</name>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of BridgeCore Sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start simulated devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the database in &lt;dir&gt; (or $BRIDGECORE_DATA_DIR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &lt;lang&gt;: en, ar or fr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BridgeCore Sync Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console created its database in %1 and an administrator for devices that sync to it:

%2
password: %3

This password is shown only once; you can reset it under Users and app types.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
