<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ModelCatalog</name>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is a Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storable Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be Purchased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity On Hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotation Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms and conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales Order Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFQ Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase Order Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting Another Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product Moves (Stock Move Line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lot/Serial Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory Locations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full Location Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transit Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lot/Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice/Bill Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer Credit Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor Bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor Credit Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead/Opportunity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected Closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM Stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is Won Stage?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related Document Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related Document ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employee Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work Mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of the listed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not one of the listed values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a date like 2026-11-29</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a date and time like 2026-11-29 14:30:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has an unknown type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Demo: simulated devices on a database of their own (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the local database, as chosen at login. Choose the mode in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record&apos;s id in its model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
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
        <source>Filter by model, device or field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected:</source>
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
        <source>Resolve selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open conflicts. A conflict appears here when a device changes a record that changed on the server meanwhile and its strategy is manual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>%Ln conflict</numerusform>
            <numerusform>%Ln conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts to show.</source>
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
    <message>
        <source>the device&apos;s values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resolve %Ln conflict(s) with %1?</source>
        <translation>
            <numerusform>Resolve %Ln conflict with %1?</numerusform>
            <numerusform>Resolve %Ln conflicts with %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln conflict(s) resolved: %2</source>
        <translation>
            <numerusform>%1 of %Ln conflict resolved: %2</numerusform>
            <numerusform>%1 of %Ln conflicts resolved: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) resolved</source>
        <translation>
            <numerusform>%Ln conflict resolved</numerusform>
            <numerusform>%Ln conflicts resolved</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no open conflicts: nothing to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no conflicts here: nothing to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a conflict to compare the device&apos;s values with the server&apos;s.</source>
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
        <source>Pushed changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulled events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflicts/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored history, then live samples each second (up to 1 hour); hover a line for its values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minute</numerusform>
            <numerusform>%Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln hour</numerusform>
            <numerusform>%Ln hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceDrillDown</name>
    <message>
        <source>Device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushes and pulls</source>
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
        <source>Last result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulls:</source>
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
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this device would receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s), oldest %1</source>
        <translation>
            <numerusform>%Ln pending change, oldest %1</numerusform>
            <numerusform>%Ln pending changes, oldest %1</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error reported by the device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sync yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2; %3 applied, %4 failed, %5 in conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln push(es)</source>
        <translation>
            <numerusform>%Ln push</numerusform>
            <numerusform>%Ln pushes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln change</numerusform>
            <numerusform>%Ln changes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pull(s)</source>
        <translation>
            <numerusform>%Ln pull</numerusform>
            <numerusform>%Ln pulls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) received</source>
        <translation>
            <numerusform>%Ln event received</numerusform>
            <numerusform>%Ln events received</numerusform>
        </translation>
    </message>
    <message>
        <source>No change from this device is in the event log yet; its pushed changes appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln change(s) of %1 this device pushed.</source>
        <translation>
            <numerusform>The latest change of %1 this device pushed.</numerusform>
            <numerusform>The latest %Ln changes of %1 this device pushed.</numerusform>
        </translation>
    </message>
    <message>
        <source>No open conflict: when a change of this device meets a newer server version, the conflict appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln open conflict(s)</source>
        <translation>
            <numerusform>%Ln open conflict</numerusform>
            <numerusform>%Ln open conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>The device has not pulled yet, so its app type is unknown; after its first pull, its models and their sizes appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A full pull as %1 would bring %Ln record(s), %2 of record data (events and protocol overhead not counted).</source>
        <translation>
            <numerusform>A full pull as %1 would bring %Ln record, %2 of record data (events and protocol overhead not counted).</numerusform>
            <numerusform>A full pull as %1 would bring %Ln records, %2 of record data (events and protocol overhead not counted).</numerusform>
        </translation>
    </message>
    <message>
        <source>Each push and pull carries a report: the Pending column of the history below is the device&apos;s queue over time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes below come from the event log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No push or pull of this device is recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln applied</source>
        <translation>
            <numerusform>%Ln applied</numerusform>
            <numerusform>%Ln applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln in conflict</numerusform>
            <numerusform>%Ln in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %Ln push(es) and pull(s), newest first; the server keeps the last %1.</source>
        <translation>
            <numerusform>The latest push or pull, newest first; the server keeps the last %1.</numerusform>
            <numerusform>The latest %Ln pushes and pulls, newest first; the server keeps the last %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pushes over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending (queue report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::DeviceTableModel</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s) ago</source>
        <translation>
            <numerusform>%Ln minute ago</numerusform>
            <numerusform>%Ln minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hour(s) ago</source>
        <translation>
            <numerusform>%Ln hour ago</numerusform>
            <numerusform>%Ln hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) ago</source>
        <translation>
            <numerusform>%Ln day ago</numerusform>
            <numerusform>%Ln days ago</numerusform>
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
    <message>
        <source>Last push or pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s app type: which models it syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
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
        <source>No device has synced yet. Devices appear here after their first push or pull: serve the sync API to your network in Settings, or try bridgecore-console --demo.</source>
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
    <message numerus="yes">
        <source>%1 of %Ln device(s) loaded</source>
        <translation>
            <numerusform>%1 of %Ln device loaded</numerusform>
            <numerusform>%1 of %Ln devices loaded</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (user %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 / %Ln event(s) behind</source>
        <translation>
            <numerusform>%1 / %Ln event behind</numerusform>
            <numerusform>%1 / %Ln events behind</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s), oldest %1</source>
        <translation>
            <numerusform>%Ln pending change, oldest %1</numerusform>
            <numerusform>%Ln pending changes, oldest %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pushes: %1, changes: %2 (failed: %3, conflicts: %4)</source>
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
    <message>
        <source>Look up a change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether and when one of a device&apos;s changes was applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue, pushes and pulls, conflicts and what this device would receive (or double-click a device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a device to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending change(s)</source>
        <translation>
            <numerusform>%Ln pending change</numerusform>
            <numerusform>%Ln pending changes</numerusform>
        </translation>
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
    <message>
        <source>Conflict %1 resolved by %2 on the server: the device&apos;s change %3 did not write this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve #%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server, for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record&apos;s id in its model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s number: the server numbers a tenant&apos;s events in the order it writes them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
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
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events yet. Every change a device pushes, and every conflict resolution, appears here, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::LedgerLookupDialog</name>
    <message>
        <source>Look up a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did a device&apos;s change reach the server? Give the device and the change&apos;s local id (shown on the device).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 3f2a…-local-17</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give both the device and the local id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: change %1 of %2 never reached the server as applied. It is still queued on the device, or the server refused it (refused changes are not remembered; the device shows them as failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It arrived but was held as a conflict on %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(conflict %1: see Conflicts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: applied, it created %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: applied to %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(version %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied at %1 (event %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the device sends it again, the server answers from this entry and does not apply it twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::LoginDialog</name>
    <message>
        <source>Connect to a BridgeCore server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console works offline and syncs with this server. Support and admin accounts also see the server&apos;s devices, conflicts and events.</source>
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
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the local database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the console on its own database on this computer instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MainWindow</name>
    <message>
        <source>Demo (separate database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local database</source>
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
Connected to %1</source>
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
        <source>&amp;View</source>
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
        <source>Settings saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1. Retrying automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %L2 / %L3 · %L4/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %L2 / %L3 · %L4/s · %5 s left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::MergeEditor</name>
    <message>
        <source>changed on both sides to different values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device and server differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value the result takes</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>device&apos;s version %1, server version %2</source>
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
        <source>the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a conflict to compare the device&apos;s values with the server&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: the result keeps its value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
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
    <message>
        <source>p50 push latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooConnectionsView</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an admin sees the Odoo connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Odoo connection could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant is attached to Odoo. Attach one with: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON-2 (Odoo 19 and later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON-RPC (Odoo 14 to 18)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, user id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Odoo feed is not running in this console: last contact, feed lag and write latency are known to the server (bridgecore-server serve) that runs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed lag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo write latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 per write batch (%n batches)</source>
        <translation>
            <numerusform>%1 per write batch (%n batch)</numerusform>
            <numerusform>%1 per write batch (%n batches)</numerusform>
        </translation>
    </message>
    <message>
        <source>no push written to Odoo yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: Odoo %1, user id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooFieldLabels</name>
    <message>
        <source>Field labels from Odoo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo is unreachable (%1): field labels as Odoo gave them at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo is unreachable (%1): built-in field labels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::OdooKpis</name>
    <message>
        <source>Odoo write latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odoo feed lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no feed here</source>
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
        <source>write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlink</source>
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
        <source>Send a failed change again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert a change that was not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waiting. Changes you make under Records queue here until the next sync sends them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices with failed or waiting pushes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending</source>
        <translation>
            <numerusform>%Ln pending</numerusform>
            <numerusform>%Ln pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in flight</source>
        <translation>
            <numerusform>%Ln in flight</numerusform>
            <numerusform>%Ln in flight</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln in conflict</numerusform>
            <numerusform>%Ln in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln synced</source>
        <translation>
            <numerusform>%Ln synced</numerusform>
            <numerusform>%Ln synced</numerusform>
        </translation>
    </message>
    <message>
        <source>Change</source>
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
        <source>Created</source>
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
        <source>Change %1</source>
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
    <message>
        <source>No device has failed or waiting pushes. A device appears here when it reports changes waiting or an error, or has open conflicts.</source>
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
        <source>* required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
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
        <source>Sync</source>
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
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message>
        <source>No %1 in this console&apos;s cache yet. Records arrive with the next sync from the server, or create one with “New…”.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>this computer (SQLite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: a SQLite file in the data folder. Or a PostgreSQL URI, postgresql://user@host/dbname, shared with bridgecore-server processes. Used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bridgecore::ui::TimeChart</name>
    <message>
        <source>%1: %2 %3</source>
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
    <name>bridgecore::ui::WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console created its database in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator for devices that sync to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password is shown only once and is not written to any log; you can reset it under Users and app types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated devices on a separate database (bridgecore-console --demo); this one stays clean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve devices on the network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let phones and tablets on your network sync to this computer (Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a BridgeCore server instead of this computer&apos;s database (Settings).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run simulated devices on a separate demo database.</source>
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
        <source>Connect to the server at &lt;url&gt; (connected mode).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop console of BridgeCore Sync.</source>
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
</context>
</TS>
