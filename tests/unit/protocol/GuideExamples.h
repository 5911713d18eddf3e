#pragma once
// The JSON examples of offline-sync-guide.md, copied verbatim (kept out of ProtocolTest.cpp
// because moc does not parse raw string literals).

namespace guide {

// offline-sync-guide.md lines 153-160
const char* const kGuideSyncState = R"({
  "device_id": "iphone-abc123",
  "user_id": 1,
  "last_event_id": 1250,
  "last_sync_time": "2025-11-24T10:30:00Z",
  "total_syncs": 150,
  "app_type": "sales_app"
})";

// offline-sync-guide.md lines 170-181
const char* const kGuideLocalChange = R"({
  "local_id": "local_uuid_1",
  "action": "create",
  "model": "sale.order",
  "record_id": null,
  "data": {
    "partner_id": 42,
    "date_order": "2025-11-24"
  },
  "local_timestamp": "2025-11-24T10:30:00Z",
  "version": 1
})";

// offline-sync-guide.md lines 261-281
const char* const kGuidePushRequest = R"({
  "device_id": "iphone-abc123",
  "changes": [
    {
      "local_id": "local_uuid_1",
      "action": "create",
      "model": "sale.order",
      "record_id": null,
      "data": {
        "partner_id": 42,
        "order_line": []
      },
      "local_timestamp": "2025-11-24T10:30:00Z",
      "version": 1,
      "priority": 5
    }
  ],
  "conflict_strategy": "server_wins",
  "stop_on_error": false,
  "batch_size": 50
})";

// offline-sync-guide.md lines 286-311
const char* const kGuidePushResponse = R"({
  "success": true,
  "total": 10,
  "succeeded": 9,
  "failed": 0,
  "conflicts": 1,
  "results": [
    {
      "local_id": "local_uuid_1",
      "status": "success",
      "action": "create",
      "model": "sale.order",
      "server_id": 789,
      "server_timestamp": "2025-11-24T10:31:00Z",
      "processing_time_ms": 45.2
    }
  ],
  "id_mapping": {
    "local_uuid_1": 789,
    "local_uuid_2": 790
  },
  "next_sync_token": "1_iphone-abc123_1732451400",
  "server_timestamp": "2025-11-24T10:31:00Z",
  "total_processing_time_ms": 523.5,
  "average_processing_time_ms": 52.3
})";

// offline-sync-guide.md lines 326-336
const char* const kGuidePullRequest = R"({
  "device_id": "iphone-abc123",
  "app_type": "sales_app",
  "last_event_id": 1250,
  "models_filter": ["sale.order", "res.partner"],
  "priority_filter": ["high", "medium"],
  "limit": 100,
  "offset": 0,
  "include_payload": true,
  "include_metadata": false
})";

// offline-sync-guide.md lines 341-368
const char* const kGuidePullResponse = R"({
  "success": true,
  "has_updates": true,
  "new_events_count": 25,
  "events": [
    {
      "event_id": 1251,
      "model": "sale.order",
      "record_id": 456,
      "action": "write",
      "timestamp": "2025-11-24T10:30:00Z",
      "data": {
        "id": 456,
        "state": "sale",
        "amount_total": 1500.00
      },
      "changed_fields": ["state", "amount_total"],
      "priority": "high",
      "category": "business"
    }
  ],
  "next_sync_token": "1_iphone-abc123_1732451400",
  "last_event_id": 1275,
  "last_sync_time": "2025-11-24T10:31:00Z",
  "has_more": false,
  "total_available": 25,
  "server_timestamp": "2025-11-24T10:31:00Z"
})";

// offline-sync-guide.md lines 383-400
const char* const kGuideResolveRequest = R"({
  "device_id": "iphone-abc123",
  "conflicts": [
    {
      "local_id": "local_uuid_5",
      "server_id": 123,
      "model": "res.partner",
      "local_data": {"phone": "+1234567890"},
      "server_data": {"phone": "+0987654321"}
    }
  ],
  "resolutions": [
    {
      "local_id": "local_uuid_5",
      "strategy": "client_wins"
    }
  ]
})";

// offline-sync-guide.md lines 405-418
const char* const kGuideResolveResponse = R"({
  "success": true,
  "resolved": 1,
  "failed": 0,
  "results": [
    {
      "local_id": "local_uuid_5",
      "status": "success",
      "action": "update",
      "model": "res.partner",
      "server_id": 123
    }
  ]
})";

// offline-sync-guide.md lines 433-444
const char* const kGuideStateResponse = R"({
  "device_id": "iphone-abc123",
  "user_id": 1,
  "last_event_id": 1275,
  "last_sync_time": "2025-11-24T10:31:00Z",
  "next_sync_token": "1_iphone-abc123_1732451400",
  "total_syncs": 150,
  "total_events_synced": 3500,
  "sync_status": "idle",
  "pending_changes": 0,
  "app_type": "sales_app"
})";

// offline-sync-guide.md lines 459-463
const char* const kGuideResetResponse = R"({
  "success": true,
  "message": "Sync state reset successfully",
  "device_id": "iphone-abc123"
})";

// offline-sync-guide.md lines 584-586
const char* const kGuideServerWins = R"({
  "conflict_strategy": "server_wins"
})";

// offline-sync-guide.md lines 596-598
const char* const kGuideClientWins = R"({
  "conflict_strategy": "client_wins"
})";

// offline-sync-guide.md lines 608-610
const char* const kGuideManual = R"({
  "conflict_strategy": "manual"
})";

// offline-sync-guide.md lines 620-627
const char* const kGuideMerge = R"({
  "conflict_strategy": "merge",
  "merged_data": {
    "name": "Merged Name",
    "email": "local_email@example.com",
    "phone": "+server_phone"
  }
})";

// offline-sync-guide.md lines 637-639
const char* const kGuideNewestWins = R"({
  "conflict_strategy": "newest_wins"
})";

} // namespace guide
