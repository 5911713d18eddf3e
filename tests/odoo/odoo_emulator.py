#!/usr/bin/env python3
"""An Odoo emulator for BridgeCore's tests (a real Odoo cannot be installed on the test machines).

It follows Odoo's documented external APIs and the behaviour of Odoo's source, not the
connector's convenience:

* JSON-2 (Odoo 19+): ``POST /json/2/<model>/<method>`` with ``Authorization: bearer <key>`` and
  ``X-Odoo-Database``; the body is a JSON object of named arguments plus ``ids`` and ``context``.
  Success: 200 with the method's JSON result. Errors: 4xx/5xx with ``{name, message, arguments,
  context, debug}`` (UserError 422 .. AccessError 403, MissingError 404, bad key 401
  werkzeug.exceptions.Unauthorized "Invalid apikey", unknown model 404 NotFound).
* JSON-RPC (Odoo 14-18): ``POST /jsonrpc`` ``{"jsonrpc": "2.0", "method": "call", "params":
  {"service", "method", "args"}}``; services common (version, login, authenticate) and object
  (execute, execute_kw). Errors are HTTP 200 with ``{"jsonrpc", "id", "error": {"code": 200,
  "message": "Odoo Server Error", "data": {name, message, arguments, context, debug}}}``.
* ``GET /web/version`` -> ``{"version_info": [...], "version": "19.0"}`` (Odoo 17 and later).
* ORM methods: create, write, unlink, read, search, search_read, search_count, fields_get, load
  (with external identifiers in ir.model.data, in the same transaction as the records),
  res.users/context_get. Values in Odoo's shapes: many2one ``[id, display_name]`` or ``false``,
  ``false`` for empty values, x2many as id lists, datetimes ``"YYYY-MM-DD HH:MM:SS"`` in UTC.
* ``update.webhook`` rows on every create/write/unlink of a business model (the guide's addon),
  and ``user.sync.state``; both can be left out (``--no-webhook``, ``--no-sync-state``).
* ``context`` (JSON-2's body key, execute_kw's kwargs key): its ``lang`` translates fields_get's
  labels (fr_FR has a few); a language that is not active is Odoo's UserError.
* Users: admin (uid 2, key admin-api-key, password admin), reader (uid 6, read-only: access
  errors on create/write/unlink/load), office (uid 7, an Odoo user editing in the back office).

Test control (not Odoo; loopback only): ``POST /__emulator__/<command>`` with a JSON body:
  faults   {"fail_next": N, "fail_status": 503, "hang_next": N, "hang_seconds": 30,
            "drop_after_commit_next": N, "hang_after_commit_next": N,
            "slow_answer_next": N (the call runs, its answer comes hang_seconds later), "latency_ms": 1,
            "only_method": "load", "only_model": "sale.order"}   (the switches count only
            calls of only_method / only_model when given)
  stats    -> {"calls": N, "calls_by_method": {...}, "commits": N}
  reset_stats, edit {"model", "id", "values", "uid"} (an Odoo user's write), create, unlink,
  add_field {"model", "name": "x_...", "field": {"type", "string", ...}} (a custom field, or a
  new label for an existing one, as an Odoo admin would make).

Run: odoo_emulator.py [--port 0] [--database odoo] [--version 19.0] [--no-webhook]
     [--no-sync-state] [--latency-ms 0] [--tls-cert PEM --tls-key PEM]; prints "listening on
     PORT" when ready (after "tls on PORT" for the HTTPS port when --tls-cert is given).
"""

import argparse
import copy
import datetime
import json
import socket
import ssl
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# ---- Odoo's exceptions (odoo/exceptions.py), with the HTTP codes JSON-2 answers them with ----


class OdooError(Exception):
    name = "odoo.exceptions.UserError"
    http_code = 422

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class UserError(OdooError):
    pass


class ValidationError(OdooError):
    name = "odoo.exceptions.ValidationError"


class AccessError(OdooError):
    name = "odoo.exceptions.AccessError"
    http_code = 403


class MissingError(OdooError):
    name = "odoo.exceptions.MissingError"
    http_code = 404


class AccessDenied(OdooError):
    name = "odoo.exceptions.AccessDenied"
    http_code = 403

    def __init__(self, message="Access Denied"):
        super().__init__(message)


class HttpError(OdooError):
    """werkzeug.exceptions.* raised by the controller."""

    def __init__(self, name, code, message):
        super().__init__(message)
        self.name = "werkzeug.exceptions." + name
        self.http_code = code


class DatabaseMissing(OdooError):
    name = "psycopg2.OperationalError"
    http_code = 500


def serialize_exception(exc):
    # odoo.http.serialize_exception
    return {
        "name": getattr(exc, "name", type(exc).__module__ + "." + type(exc).__name__),
        "message": exc.args[0] if exc.args else str(exc),
        "arguments": list(exc.args),
        "context": {},
        "debug": "Traceback (most recent call last):\n  (emulated)\n%s: %s\n"
        % (getattr(exc, "name", type(exc).__name__), exc.args[0] if exc.args else ""),
    }


# ---- models --------------------------------------------------------------------------------------

F = dict  # field definition


def fld(type_, string, required=False, relation=None, inverse=None, readonly=False, default=None,
        selection=None):
    d = {"type": type_, "string": string, "required": required, "readonly": readonly}
    if selection is not None:
        # fields_get gives a selection field's values as [value, label] pairs
        d["selection"] = [list(p) for p in selection]
    if relation:
        d["relation"] = relation
    if inverse:
        d["relation_field"] = inverse
    if default is not None:
        d["default"] = default
    return d


# Languages active in this database (res.lang) and the translations of some field labels, as
# ir.model.fields' translated field_description gives them to fields_get under context.lang.
# A language that is not active is refused (odoo/orm/environments.py Environment.lang:
# UserError "Invalid language code: xx").
ACTIVE_LANGS = {"en_US", "fr_FR"}
FIELD_LABELS = {
    "fr_FR": {
        ("res.partner", "name"): "Nom",
        ("res.partner", "email"): "Courriel",
        ("res.partner", "phone"): "Téléphone",
        ("sale.order", "partner_id"): "Client",
    },
}


BUSINESS_MODELS = {
    "res.partner": ("Contact", {
        "name": fld("char", "Name", required=True),
        "email": fld("char", "Email"),
        "phone": fld("char", "Phone"),
        "is_company": fld("boolean", "Is a Company"),
        "parent_id": fld("many2one", "Related Company", relation="res.partner"),
        "category_id": fld("many2many", "Tags", relation="res.partner.category"),
        "active": fld("boolean", "Active", default=True),
    }),
    "res.partner.category": ("Contact Tag", {
        "name": fld("char", "Tag Name", required=True),
    }),
    "product.product": ("Product", {
        "name": fld("char", "Name", required=True),
        "list_price": fld("float", "Sales Price", default=1.0),
        "default_code": fld("char", "Internal Reference"),
    }),
    "sale.order": ("Sales Order", {
        "name": fld("char", "Order Reference", required=True, default="New"),
        "partner_id": fld("many2one", "Customer", required=True, relation="res.partner"),
        "date_order": fld("datetime", "Order Date"),
        "state": fld("selection", "Status", default="draft",
                     selection=[("draft", "Quotation"), ("sent", "Quotation Sent"),
                                ("sale", "Sales Order"), ("cancel", "Cancelled")]),
        "note": fld("text", "Terms and conditions"),
        "order_line": fld("one2many", "Order Lines", relation="sale.order.line", inverse="order_id"),
        "amount_total": fld("float", "Total", readonly=True, default=0.0),
    }),
    "sale.order.line": ("Sales Order Line", {
        "order_id": fld("many2one", "Order Reference", required=True, relation="sale.order"),
        "product_id": fld("many2one", "Product", relation="product.product"),
        "name": fld("text", "Description", required=True, default="/"),
        "product_uom_qty": fld("float", "Quantity", default=1.0),
        "price_unit": fld("float", "Unit Price", default=0.0),
    }),
    "stock.picking": ("Transfer", {
        "name": fld("char", "Reference", default="/"),
        "partner_id": fld("many2one", "Contact", relation="res.partner"),
        "state": fld("selection", "Status", default="draft",
                     selection=[("draft", "Draft"), ("waiting", "Waiting Another Operation"),
                                ("confirmed", "Waiting"), ("assigned", "Ready"),
                                ("done", "Done"), ("cancel", "Cancelled")]),
        "move_ids": fld("one2many", "Stock Moves", relation="stock.move", inverse="picking_id"),
    }),
    "stock.move": ("Stock Move", {
        "name": fld("char", "Description", required=True),
        "picking_id": fld("many2one", "Transfer", relation="stock.picking"),
        "product_id": fld("many2one", "Product", required=True, relation="product.product"),
        "product_uom_qty": fld("float", "Demand", default=0.0),
    }),
    "crm.lead": ("Lead/Opportunity", {
        "name": fld("char", "Opportunity", required=True),
        "partner_id": fld("many2one", "Customer", relation="res.partner"),
        "expected_revenue": fld("float", "Expected Revenue", default=0.0),
    }),
}

SYSTEM_MODELS = {
    "res.users": ("User", {
        "name": fld("char", "Name", required=True),
        "login": fld("char", "Login", required=True),
    }),
    "ir.model.data": ("Model Data", {
        "name": fld("char", "External Identifier", required=True),
        "module": fld("char", "Module", required=True),
        "model": fld("char", "Model Name", required=True),
        "res_id": fld("many2one_reference", "Record ID"),
        "noupdate": fld("boolean", "Non Updatable"),
    }),
    "update.webhook": ("Update Webhook", {
        "model": fld("char", "Model", required=True),
        "record_id": fld("integer", "Record ID", required=True),
        "event": fld("selection", "Event", required=True,
                     selection=[("create", "Create"), ("write", "Write"), ("unlink", "Unlink")]),
        "timestamp": fld("datetime", "Timestamp"),
        "payload": fld("text", "Payload"),
        "user_id": fld("many2one", "User", relation="res.users"),
    }),
    "user.sync.state": ("User Sync State", {
        "user_id": fld("many2one", "User", required=True, relation="res.users"),
        "device_id": fld("char", "Device", required=True),
        "app_type": fld("char", "App Type"),
        "last_event_id": fld("integer", "Last Event"),
        "last_sync_time": fld("datetime", "Last Sync Time"),
        "sync_count": fld("integer", "Sync Count"),
    }),
}

LOG_FIELDS = {
    "create_date": fld("datetime", "Created on", readonly=True),
    "write_date": fld("datetime", "Last Updated on", readonly=True),
    "create_uid": fld("many2one", "Created by", relation="res.users", readonly=True),
    "write_uid": fld("many2one", "Last Updated by", relation="res.users", readonly=True),
    "display_name": fld("char", "Display Name", readonly=True),
    "id": fld("integer", "ID", readonly=True),
}

EMPTY = {"char": False, "text": False, "selection": False, "many2one": False, "datetime": False,
         "date": False, "integer": 0, "float": 0.0, "boolean": False, "one2many": [],
         "many2many": [], "many2one_reference": 0}


def now_str():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


class Database:
    """One Odoo database: tables in memory, every call one transaction under one lock."""

    def __init__(self, name, webhook=True, sync_state=True):
        self.name = name
        self.lock = threading.RLock()
        self.models = {}
        for m, (desc, fields) in list(BUSINESS_MODELS.items()) + list(SYSTEM_MODELS.items()):
            if m == "update.webhook" and not webhook:
                continue
            if m == "user.sync.state" and not sync_state:
                continue
            all_fields = dict(fields)
            all_fields.update(LOG_FIELDS)
            self.models[m] = {"description": desc, "fields": all_fields}
        self.tables = {m: {} for m in self.models}
        self.next_id = {m: 1 for m in self.models}
        self.webhook = webhook
        # users: uid -> (login, password, api key, read-only)
        self.users = {
            2: {"login": "admin", "password": "admin", "key": "admin-api-key", "readonly": False},
            6: {"login": "reader", "password": "reader", "key": "reader-api-key", "readonly": True},
            7: {"login": "office", "password": "office", "key": "office-api-key", "readonly": False},
        }
        for uid, u in self.users.items():
            self.tables["res.users"][uid] = {"id": uid, "name": u["login"].title(),
                                             "login": u["login"], "create_date": now_str(),
                                             "write_date": now_str(), "create_uid": 1,
                                             "write_uid": 1}
        self.next_id["res.users"] = 8
        self.sale_seq = 0
        self.undo = None

    # -- transactions: an undo journal of the records a call touches --
    def begin(self):
        self.undo = {"records": {}, "next_id": dict(self.next_id), "sale_seq": self.sale_seq}

    def touch(self, model, rec_id):
        if self.undo is not None and (model, rec_id) not in self.undo["records"]:
            old = self.tables[model].get(rec_id)
            self.undo["records"][(model, rec_id)] = copy.deepcopy(old)

    def rollback(self):
        for (model, rec_id), old in self.undo["records"].items():
            if old is None:
                self.tables[model].pop(rec_id, None)
            else:
                self.tables[model][rec_id] = old
        self.next_id = self.undo["next_id"]
        self.sale_seq = self.undo["sale_seq"]
        self.begin()

    # -- helpers --
    def model(self, name):
        if name not in self.models:
            raise HttpError("NotFound", 404, "the model %r does not exist" % name)
        return self.models[name]

    def check_write(self, env, model, op):
        if self.users[env["uid"]]["readonly"] and model not in ("user.sync.state",):
            desc = self.models[model]["description"]
            raise AccessError(
                "You are not allowed to %s '%s' (%s) records.\n\nThis operation is allowed for "
                "the following groups:\n\t- Role / Administrator\n\nContact your administrator "
                "to request access if necessary." % ({"create": "create", "write": "modify",
                                                      "unlink": "delete"}[op], desc, model))

    def browse_existing(self, model, ids, env):
        missing = [i for i in ids if i not in self.tables[model]]
        if missing:
            raise MissingError("Record does not exist or has been deleted.\n(Record: %s(%s), "
                               "User: %d)" % (model, ", ".join(map(str, missing)) + ",",
                                              env["uid"]))

    def display_name(self, model, rec):
        return rec.get("name") or "%s,%d" % (model, rec["id"])

    def convert_value(self, model, fname, value, env, rec_id=None):
        f = self.models[model]["fields"][fname]
        t = f["type"]
        if t in ("many2one",):
            if value in (False, None, 0):
                return False
            if isinstance(value, list):  # a [id, name] pair sent back
                value = value[0]
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValidationError("Wrong value for %s.%s: %r" % (model, fname, value))
            if value not in self.tables[f["relation"]]:
                raise ValidationError(
                    "The operation cannot be completed: another model requires the record being "
                    "deleted. If possible, archive it instead.\n\nModel: %s (%s)\nField: %s (%s)"
                    % (self.models[model]["description"], model, f["string"], fname))
            return value
        if t in ("one2many", "many2many"):
            return value  # commands, applied after the write
        if t == "boolean":
            return bool(value)
        if t == "integer":
            return int(value or 0)
        if t == "float":
            return float(value or 0)
        if value is None:
            return False
        return value

    def apply_x2many(self, model, rec_id, fname, commands, env):
        f = self.models[model]["fields"][fname]
        rel = f["relation"]
        if f["type"] == "one2many":
            inverse = f["relation_field"]
            current = [i for i, r in self.tables[rel].items() if r.get(inverse) == rec_id]
        else:
            self.touch(model, rec_id)
            current = list(self.tables[model][rec_id].get(fname) or [])
        if not isinstance(commands, list):
            raise ValidationError("Wrong value for %s.%s: %r" % (model, fname, commands))
        # a plain list of ids means "set" (Odoo accepts it for many2many)
        if commands and all(isinstance(c, int) for c in commands):
            commands = [[6, 0, commands]]
        for cmd in commands:
            if not isinstance(cmd, (list, tuple)) or not cmd:
                raise ValidationError("Wrong value for %s.%s: %r" % (model, fname, cmd))
            code = cmd[0]
            if code == 0:
                vals = dict(cmd[2])
                if f["type"] == "one2many":
                    vals[f["relation_field"]] = rec_id
                new_id = self.create_one(rel, vals, env)
                current.append(new_id)
            elif code == 1:
                self.write_ids(rel, [cmd[1]], cmd[2], env)
            elif code == 2:
                self.unlink_ids(rel, [cmd[1]], env)
                current = [i for i in current if i != cmd[1]]
            elif code == 3:
                current = [i for i in current if i != cmd[1]]
                if f["type"] == "one2many":
                    self.write_ids(rel, [cmd[1]], {f["relation_field"]: False}, env)
            elif code == 4:
                self.browse_existing(rel, [cmd[1]], env)
                if cmd[1] not in current:
                    current.append(cmd[1])
                if f["type"] == "one2many":
                    self.write_ids(rel, [cmd[1]], {f["relation_field"]: rec_id}, env)
            elif code == 5:
                if f["type"] == "one2many":
                    # the lines leave the record: deleted when they cannot exist without it
                    # (a required inverse, ondelete cascade), else detached
                    inv = self.models[rel]["fields"][f["relation_field"]]
                    for i in current:
                        if inv["required"]:
                            self.unlink_ids(rel, [i], env)
                        else:
                            self.write_ids(rel, [i], {f["relation_field"]: False}, env)
                current = []
            elif code == 6:
                ids = list(cmd[2])
                self.browse_existing(rel, ids, env)
                if f["type"] == "one2many":
                    for i in current:
                        if i not in ids:
                            self.unlink_ids(rel, [i], env)
                    for i in ids:
                        self.write_ids(rel, [i], {f["relation_field"]: rec_id}, env)
                current = ids
            else:
                raise ValidationError("Unknown x2many command %r" % (code,))
        if f["type"] == "many2many":
            self.tables[model][rec_id][fname] = current

    def log_change(self, model, rec_id, event, env, changed=None):
        if not self.webhook or model not in BUSINESS_MODELS:
            return
        wid = self.next_id["update.webhook"]
        self.next_id["update.webhook"] += 1
        self.touch("update.webhook", wid)
        payload = json.dumps({"changed_fields": sorted(changed or [])})
        self.tables["update.webhook"][wid] = {
            "id": wid, "model": model, "record_id": rec_id, "event": event,
            "timestamp": now_str(), "payload": payload, "user_id": env["uid"],
            "create_date": now_str(), "write_date": now_str(), "create_uid": env["uid"],
            "write_uid": env["uid"]}

    # -- ORM --
    def create_one(self, model, vals, env):
        self.check_write(env, model, "create")
        fields = self.models[model]["fields"]
        for k in vals:
            if k not in fields:
                raise ValueError("Invalid field %r on model %r" % (k, model))
        rec_id = self.next_id[model]
        self.next_id[model] += 1
        rec = {"id": rec_id}
        for fname, f in fields.items():
            if fname in LOG_FIELDS or f["type"] in ("one2many",):
                continue
            rec[fname] = f.get("default", EMPTY.get(f["type"], False))
        if model == "sale.order" and vals.get("name", "New") == "New":
            self.sale_seq += 1
            rec["name"] = "S%05d" % self.sale_seq
        x2many = {}
        for k, v in vals.items():
            if fields[k]["type"] in ("one2many", "many2many"):
                x2many[k] = v
            elif not fields[k]["readonly"]:
                rec[k] = self.convert_value(model, k, v, env)
        for fname, f in fields.items():
            if f["required"] and fname not in LOG_FIELDS and rec.get(fname) in (False, None, ""):
                raise ValidationError(
                    "The operation cannot be completed:\n- Create/update: a mandatory field is "
                    "not set.\n- Delete: another model requires the record being deleted. If "
                    "possible, archive it instead.\n\nModel: %s (%s)\nField: %s (%s)"
                    % (self.models[model]["description"], model, f["string"], fname))
        stamp = now_str()
        rec.update(create_date=stamp, write_date=stamp, create_uid=env["uid"],
                   write_uid=env["uid"])
        if "many2many" in [f["type"] for f in fields.values()]:
            for fname, f in fields.items():
                if f["type"] == "many2many":
                    rec[fname] = []
        self.touch(model, rec_id)
        self.tables[model][rec_id] = rec
        self.log_change(model, rec_id, "create", env, list(vals))
        for k, v in x2many.items():
            self.apply_x2many(model, rec_id, k, v, env)
        return rec_id

    def write_ids(self, model, ids, vals, env):
        self.check_write(env, model, "write")
        fields = self.models[model]["fields"]
        self.browse_existing(model, ids, env)
        for k in vals:
            if k not in fields:
                raise ValueError("Invalid field %r on model %r" % (k, model))
        for rec_id in ids:
            self.touch(model, rec_id)
            rec = self.tables[model][rec_id]
            for k, v in vals.items():
                if fields[k]["type"] in ("one2many", "many2many"):
                    self.apply_x2many(model, rec_id, k, v, env)
                elif not fields[k]["readonly"]:
                    rec[k] = self.convert_value(model, k, v, env)
                    if fields[k]["required"] and rec[k] in (False, None, ""):
                        raise ValidationError(
                            "The operation cannot be completed:\n- Create/update: a mandatory "
                            "field is not set.\n\nModel: %s (%s)\nField: %s (%s)"
                            % (self.models[model]["description"], model, fields[k]["string"], k))
            rec["write_date"] = now_str()
            rec["write_uid"] = env["uid"]
            self.log_change(model, rec_id, "write", env, list(vals))
        return True

    def unlink_ids(self, model, ids, env):
        self.check_write(env, model, "unlink")
        self.browse_existing(model, ids, env)
        for rec_id in ids:
            # cascade one2many children whose inverse is required (sale.order.line)
            for fname, f in self.models[model]["fields"].items():
                if f["type"] == "one2many":
                    rel, inv = f["relation"], f["relation_field"]
                    children = [i for i, r in self.tables[rel].items() if r.get(inv) == rec_id]
                    if children:
                        self.unlink_ids(rel, children, env)
            self.touch(model, rec_id)
            del self.tables[model][rec_id]
            for x in list(self.tables["ir.model.data"].values()):
                if x["model"] == model and x["res_id"] == rec_id:
                    self.touch("ir.model.data", x["id"])
                    del self.tables["ir.model.data"][x["id"]]
            self.log_change(model, rec_id, "unlink", env)
        return True

    def read_ids(self, model, ids, fields_, env, load="_classic_read"):
        self.browse_existing(model, ids, env)
        mfields = self.models[model]["fields"]
        names = fields_ or [f for f in mfields]
        out = []
        for rec_id in ids:
            rec = self.tables[model][rec_id]
            row = {"id": rec_id}
            for n in names:
                if n not in mfields:
                    raise ValueError("Invalid field %r on model %r" % (n, model))
                if n == "id":
                    continue
                f = mfields[n]
                if n == "display_name":
                    row[n] = self.display_name(model, rec)
                elif f["type"] == "one2many":
                    rel, inv = f["relation"], f["relation_field"]
                    row[n] = sorted(i for i, r in self.tables[rel].items() if r.get(inv) == rec_id)
                elif f["type"] == "many2one":
                    v = rec.get(n, False)
                    if v and load == "_classic_read" and v in self.tables[f["relation"]]:
                        row[n] = [v, self.display_name(f["relation"],
                                                       self.tables[f["relation"]][v])]
                    else:
                        row[n] = v or False
                else:
                    v = rec.get(n, EMPTY.get(f["type"], False))
                    row[n] = False if v is None else copy.deepcopy(v)
            out.append(row)
        return out

    def match(self, model, rec, domain):
        def leaf(t):
            if t in (True, [1, "=", 1]):
                return True
            name, op, value = t
            fdef = self.models[model]["fields"].get(name)
            if name == "id":
                v = rec["id"]
            elif fdef and fdef["type"] == "one2many":
                rel, inv = fdef["relation"], fdef["relation_field"]
                v = [i for i, r in self.tables[rel].items() if r.get(inv) == rec["id"]]
            else:
                v = rec.get(name, False)
            if op == "=":
                return v == value
            if op == "!=":
                return v != value
            if op in (">", ">=", "<", "<="):
                if v in (False, None):
                    return False
                return {">": v > value, ">=": v >= value, "<": v < value, "<=": v <= value}[op]
            if op == "in":
                return (v in value) if not isinstance(v, list) else bool(set(v) & set(value))
            if op == "not in":
                return v not in value
            if op in ("ilike", "like", "=ilike", "=like"):
                s, p = str(v or ""), str(value).replace("%", "")
                if op.endswith("ilike"):
                    s, p = s.lower(), p.lower()
                return s == p if op.startswith("=") else p in s
            raise ValueError("Invalid leaf %r" % (t,))

        stack = []
        for term in reversed(domain or []):
            if term == "&":
                a, b = stack.pop(), stack.pop()
                stack.append(a and b)
            elif term == "|":
                a, b = stack.pop(), stack.pop()
                stack.append(a or b)
            elif term == "!":
                stack.append(not stack.pop())
            else:
                stack.append(leaf(term))
        return all(stack)

    def search_ids(self, model, domain, offset=0, limit=None, order=None):
        rows = [r for r in self.tables[model].values() if self.match(model, r, domain)]
        key, desc = "id", False
        if order:
            parts = order.split(",")[0].split()
            key = parts[0]
            desc = len(parts) > 1 and parts[1].lower() == "desc"
        rows.sort(key=lambda r: (r.get(key) is False, r.get(key) or 0, r["id"]), reverse=desc)
        ids = [r["id"] for r in rows]
        ids = ids[offset or 0:]
        if limit:
            ids = ids[:limit]
        return ids

    # -- load: odoo/models.py BaseModel.load with ir.fields.converter --
    def load(self, model, fields_, data, env):
        """Imports rows; `id` is an external id (module.name, default module __import__),
        `.id` a database id, `x/id` / `x/.id` relations by external / database id, and
        `one2many/field` columns continue on the following rows whose own columns are empty.
        Any error rolls the whole import back (ids false, messages describe it)."""
        self.check_write(env, model, "create")
        mfields = self.models[model]["fields"]
        messages = []
        # group rows into records (a record starts on a row with a non-empty main column)
        main_cols = [i for i, f in enumerate(fields_) if "/" not in f or f.split("/")[0] in
                     ("id", ".id") or mfields.get(f.split("/")[0], {}).get("type") != "one2many"]
        records = []
        for rowno, row in enumerate(data):
            if len(row) != len(fields_):
                messages.append({"type": "error", "rows": {"from": rowno, "to": rowno},
                                 "record": rowno, "message": "Wrong number of columns"})
                continue
            starts = not records or any(row[i] not in ("", None, False) for i in main_cols)
            if starts:
                records.append({"row": rowno, "main": row, "subs": []})
            sub = {}
            for i, f in enumerate(fields_):
                head = f.split("/")[0]
                if "/" in f and mfields.get(head, {}).get("type") == "one2many" and \
                        row[i] not in ("", None, False):
                    sub.setdefault(head, {})[f.split("/", 1)[1]] = row[i]
            for head, vals in sub.items():
                records[-1]["subs"].append((head, vals))
        ids = []
        if not messages:
            for rec in records:
                try:
                    ids.append(self.load_record(model, fields_, rec, env))
                except OdooError as e:
                    messages.append({"type": "error", "record": rec["row"],
                                     "rows": {"from": rec["row"], "to": rec["row"]},
                                     "message": e.message})
                except (ValueError, TypeError, KeyError) as e:
                    messages.append({"type": "error", "record": rec["row"],
                                     "rows": {"from": rec["row"], "to": rec["row"]},
                                     "message": str(e)})
        if any(m["type"] == "error" for m in messages):
            self.rollback()
            return {"ids": False, "messages": messages, "nextrow": 0}
        return {"ids": ids, "messages": messages, "nextrow": 0}

    def xmlid_lookup(self, xmlid):
        module, _, name = xmlid.rpartition(".")
        module = module or "__import__"
        for x in self.tables["ir.model.data"].values():
            if x["module"] == module and x["name"] == name:
                return x
        return None

    def convert_import(self, model, path, value):
        """One import column -> (field, value) by ir.fields.converter's rules."""
        mfields = self.models[model]["fields"]
        head, _, sub = path.partition("/")
        if head not in mfields:
            raise ValueError("Unknown field %r on %s" % (head, model))
        f = mfields[head]
        if sub == ".id":
            if f["type"] == "many2many":
                return head, [[6, 0, [int(v) for v in str(value).split(",") if v]]]
            return head, int(value) if value not in ("", None, False) else False
        if sub == "id":
            ids = []
            for xid in str(value).split(","):
                x = self.xmlid_lookup(xid.strip())
                if not x:
                    raise ValueError("No matching record found for external id '%s' in field "
                                     "'%s'" % (xid, f["string"]))
                ids.append(x["res_id"])
            return head, ([[6, 0, ids]] if f["type"] == "many2many" else ids[0])
        t = f["type"]
        if value in ("", None):
            return head, False
        if t == "integer":
            return head, int(value)
        if t == "float":
            return head, float(value)
        if t == "boolean":
            return head, (str(value).lower() in ("1", "true", "yes")) if isinstance(value, str) \
                else bool(value)
        if t == "many2one":
            raise ValueError("many2one %s needs a /id or /.id column" % head)
        return head, value

    def load_record(self, model, fields_, rec, env):
        vals, xmlid, dbid = {}, None, None
        for i, f in enumerate(fields_):
            v = rec["main"][i]
            if f == "id":
                xmlid = v or None
            elif f == ".id":
                dbid = int(v) if v not in ("", None, False) else None
            elif "/" in f and self.models[model]["fields"].get(f.split("/")[0], {}).get(
                    "type") == "one2many":
                continue
            elif v not in ("", None) or "/" not in f:
                k, cv = self.convert_import(model, f, v)
                vals[k] = cv
        for head, sub in rec["subs"]:
            rel = self.models[model]["fields"][head]["relation"]
            sub_vals = {}
            for path, v in sub.items():
                k, cv = self.convert_import(rel, path, v)
                sub_vals[k] = cv
            vals.setdefault(head, []).append([0, 0, sub_vals])
        existing = None
        if xmlid:
            x = self.xmlid_lookup(xmlid)
            if x and x["res_id"] in self.tables[model]:
                existing = x["res_id"]
        if dbid is not None:
            existing = dbid
        if existing is not None:
            self.write_ids(model, [existing], vals, env)
            return existing
        new_id = self.create_one(model, vals, env)
        if xmlid:
            module, _, name = xmlid.rpartition(".")
            xid = self.next_id["ir.model.data"]
            self.next_id["ir.model.data"] += 1
            self.touch("ir.model.data", xid)
            stamp = now_str()
            self.tables["ir.model.data"][xid] = {
                "id": xid, "module": module or "__import__", "name": name, "model": model,
                "res_id": new_id, "noupdate": False, "create_date": stamp, "write_date": stamp,
                "create_uid": env["uid"], "write_uid": env["uid"]}
        return new_id

    # -- dispatch of a model method (the body of object.execute_kw / json2) --
    def call(self, env, model, method, ids, kwargs):
        self.model(model)
        api_model = {"create", "search", "search_read", "search_count", "fields_get", "load",
                     "context_get", "default_get", "name_search"}
        if method.startswith("_"):
            raise AttributeError("Private methods (such as '%s.%s') cannot be called remotely."
                                 % (model, method))
        if method in api_model and ids:
            raise HttpError("UnprocessableEntity", 422, "cannot call %s.%s with ids"
                            % (model, method))
        k = dict(kwargs)
        if method == "create":
            vals = k.pop("vals_list", None)
            single = isinstance(vals, dict)
            out = [self.create_one(model, v, env) for v in ([vals] if single else vals)]
            return out[0] if single else out
        if method == "write":
            return self.write_ids(model, ids, k.pop("vals"), env)
        if method == "unlink":
            return self.unlink_ids(model, ids, env)
        if method == "read":
            return self.read_ids(model, ids, k.get("fields"), env, k.get("load", "_classic_read"))
        if method == "search":
            return self.search_ids(model, k.get("domain", []), k.get("offset", 0),
                                   k.get("limit"), k.get("order"))
        if method == "search_count":
            return len(self.search_ids(model, k.get("domain", []), 0, k.get("limit")))
        if method == "search_read":
            found = self.search_ids(model, k.get("domain", []), k.get("offset", 0),
                                    k.get("limit"), k.get("order"))
            return self.read_ids(model, found, k.get("fields"), env, k.get("load", "_classic_read"))
        if method == "fields_get":
            lang = env.get("lang")
            if lang and lang != "en_US" and lang not in ACTIVE_LANGS:
                raise OdooError("Invalid language code: %s" % lang)
            labels = FIELD_LABELS.get(lang, {})
            attrs = k.get("attributes")
            out = {}
            for n, f in self.models[model]["fields"].items():
                if k.get("allfields") and n not in k["allfields"]:
                    continue
                d = {kk: vv for kk, vv in f.items() if kk != "default"}
                if (model, n) in labels:
                    d["string"] = labels[(model, n)]
                out[n] = {a: d[a] for a in attrs if a in d} if attrs else d
            return out
        if method == "load":
            return self.load(model, k["fields"], k["data"], env)
        if method == "context_get" and model == "res.users":
            return {"lang": "en_US", "tz": "UTC", "uid": env["uid"]}
        raise AttributeError("The method '%s' does not exist on the model '%s'" % (method, model))


# ---- HTTP ----------------------------------------------------------------------------------------


class Emulator:
    def __init__(self, args):
        self.version = args.version
        self.db = Database(args.database, webhook=not args.no_webhook,
                           sync_state=not args.no_sync_state)
        self.lock = threading.Lock()
        self.faults = {"fail_next": 0, "fail_status": 503, "hang_next": 0, "hang_seconds": 30,
                       "drop_after_commit_next": 0, "hang_after_commit_next": 0,
                       "slow_answer_next": 0,
                       "latency_ms": args.latency_ms, "only_method": None, "only_model": None}
        self.stats = {"calls": 0, "calls_by_method": {}, "commits": 0}

    def major(self):
        return int(self.version.split(".")[0])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Werkzeug/3.0.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    @property
    def emu(self):
        return self.server.emu

    def send_json(self, status, obj, close=False):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
        self._headers_buffer.append(b"\r\n")
        self.wfile.write(b"".join(self._headers_buffer) + body)
        self._headers_buffer = []
        self.wfile.flush()

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        if self.path == "/web/version" and self.emu.major() >= 17:
            parts = self.emu.version.split(".")
            return self.send_json(200, {"version_info": [int(parts[0]), int(parts[1]), 0, "final",
                                                         0, ""], "version": self.emu.version})
        self.send_json(404, {"name": "werkzeug.exceptions.NotFound", "message": "Not Found"})

    def do_POST(self):
        raw = self.read_body()
        if self.path.startswith("/__emulator__/"):
            return self.control(self.path[len("/__emulator__/"):], raw)
        if self.path.startswith("/json/2/") and self.emu.major() >= 19:
            return self.json2(raw)
        if self.path == "/jsonrpc":
            return self.jsonrpc(raw)
        self.send_json(404, {"name": "werkzeug.exceptions.NotFound", "message": "Not Found"})

    # -- faults around one call; returns False when the call must not run at all --
    def counts(self, method, model):
        faults = self.emu.faults
        return (faults["only_method"] in (None, method)) and \
            (faults.get("only_model") in (None, model))

    def before_call(self, method, model=None):
        emu = self.emu
        with emu.lock:
            counts = self.counts(method, model)
            emu.stats["calls"] += 1
            emu.stats["calls_by_method"][method] = emu.stats["calls_by_method"].get(method, 0) + 1
            latency = emu.faults["latency_ms"]
            fail = hang = False
            if counts and emu.faults["fail_next"] > 0:
                emu.faults["fail_next"] -= 1
                fail = True
            elif counts and emu.faults["hang_next"] > 0:
                emu.faults["hang_next"] -= 1
                hang = True
        if latency:
            time.sleep(latency / 1000.0)
        if hang:
            time.sleep(emu.faults["hang_seconds"])
            self.close_connection = True
            return "dropped"
        if fail:
            status = emu.faults["fail_status"]
            return status
        return None

    def after_commit(self, method, model=None):
        emu = self.emu
        with emu.lock:
            counts = self.counts(method, model)
            emu.stats["commits"] += 1
            drop = hang = slow = False
            if counts and emu.faults["slow_answer_next"] > 0:
                emu.faults["slow_answer_next"] -= 1
                slow = True
            elif counts and emu.faults["drop_after_commit_next"] > 0:
                emu.faults["drop_after_commit_next"] -= 1
                drop = True
            elif counts and emu.faults["hang_after_commit_next"] > 0:
                emu.faults["hang_after_commit_next"] -= 1
                hang = True
        if hang or slow:
            time.sleep(emu.faults["hang_seconds"])
        if drop or hang:
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.close_connection = True
            return True
        return False

    def run_model_call(self, env, model, method, ids, kwargs):
        """The transaction: commit on success, roll back on error (snapshot of the tables)."""
        db = self.emu.db
        with db.lock:
            readonly = method in ("read", "search", "search_read", "search_count", "fields_get",
                                  "context_get")
            db.begin()
            try:
                result = db.call(env, model, method, ids, kwargs)
            except Exception:
                if not readonly:
                    db.rollback()
                raise
            finally:
                db.undo = None
            return result

    def user_by_key(self, key):
        for uid, u in self.emu.db.users.items():
            if u["key"] == key:
                return uid
        return None

    def json2(self, raw):
        parts = self.path[len("/json/2/"):].split("?")[0].split("/")
        if len(parts) != 2:
            return self.send_json(404, serialize_exception(HttpError("NotFound", 404,
                                                                     "Not Found")))
        model, method = parts
        fault = self.before_call(method, model)
        if fault == "dropped":
            return
        if fault:
            return self.send_json(fault, {"name": "werkzeug.exceptions.ServiceUnavailable",
                                          "message": "Service Unavailable",
                                          "arguments": ["Service Unavailable"], "context": {},
                                          "debug": ""})
        try:
            dbname = self.headers.get("X-Odoo-Database")
            if dbname and dbname != self.emu.db.name:
                raise HttpError("NotFound", 404, "database %r not found" % dbname)
            auth = self.headers.get("Authorization") or ""
            if not auth.lower().startswith("bearer "):
                raise HttpError("Unauthorized", 401, "Invalid apikey")
            uid = self.user_by_key(auth[7:].strip())
            if uid is None:
                raise HttpError("Unauthorized", 401, "Invalid apikey")
            if "json" not in (self.headers.get("Content-Type") or ""):
                raise HttpError("UnsupportedMediaType", 415, "expected application/json")
            try:
                body = json.loads(raw or b"{}")
            except ValueError as e:
                raise HttpError("BadRequest", 400, "could not parse the body as json: %s" % e)
            if not isinstance(body, dict):
                raise HttpError("BadRequest", 400, "could not parse the body, expecting a json "
                                "object")
            ids = body.pop("ids", []) or []
            context = body.pop("context", None) or {}
            env = {"uid": uid, "lang": context.get("lang")}
            try:
                result = self.run_model_call(env, model, method, ids, body)
            except AttributeError as e:
                raise HttpError("NotFound", 404, str(e))
            except TypeError as e:
                raise HttpError("UnprocessableEntity", 422, str(e))
        except OdooError as e:
            return self.send_json(e.http_code, serialize_exception(e))
        except Exception as e:  # what Odoo answers for anything else: 500
            err = serialize_exception(e)
            err["name"] = type(e).__name__
            return self.send_json(500, err)
        if self.after_commit(method, model):
            return
        self.send_json(200, result)

    def jsonrpc(self, raw):
        req_id = None
        try:
            req = json.loads(raw)
            req_id = req.get("id")
            params = req.get("params", {})
            service, method, args = params["service"], params["method"], params.get("args", [])
        except (ValueError, KeyError, AttributeError):
            return self.send_json(200, {"jsonrpc": "2.0", "id": req_id, "error": {
                "code": 200, "message": "Odoo Server Error",
                "data": serialize_exception(ValueError("Invalid JSON-RPC request"))}})
        call_name = args[4] if service == "object" and len(args) > 4 else method
        call_model = args[3] if service == "object" and len(args) > 4 else None
        fault = self.before_call(call_name, call_model)
        if fault == "dropped":
            return
        if fault:
            return self.send_json(fault, {"message": "Service Unavailable"})
        try:
            result = self.rpc(service, method, args)
        except Exception as e:
            data = serialize_exception(e)
            if not isinstance(e, OdooError):
                data["name"] = type(e).__module__.replace("builtins", "builtins") + "." + \
                    type(e).__name__
            return self.send_json(200, {"jsonrpc": "2.0", "id": req_id, "error": {
                "code": 200, "message": "Odoo Server Error", "data": data}})
        if self.after_commit(call_name, call_model):
            return
        self.send_json(200, {"jsonrpc": "2.0", "id": req_id, "result": result})

    def rpc(self, service, method, args):
        db = self.emu.db
        parts = self.emu.version.split(".")
        if service == "common":
            if method == "version":
                return {"server_version": self.emu.version,
                        "server_version_info": [int(parts[0]), int(parts[1]), 0, "final", 0, ""],
                        "server_serie": self.emu.version, "protocol_version": 1}
            if method in ("login", "authenticate"):
                dbname, login, secret = args[0], args[1], args[2]
                if dbname != db.name:
                    raise DatabaseMissing('connection to server failed: FATAL:  database "%s" '
                                          'does not exist' % dbname)
                for uid, u in db.users.items():
                    if u["login"] == login and secret in (u["password"], u["key"]):
                        return uid
                return False
            raise NameError("method '%s' does not exist in service common" % method)
        if service == "object":
            if method not in ("execute", "execute_kw"):
                raise NameError("Method not available %s" % method)
            dbname, uid, secret, model, meth = args[:5]
            if dbname != db.name:
                raise DatabaseMissing('connection to server failed: FATAL:  database "%s" does '
                                      'not exist' % dbname)
            u = db.users.get(uid)
            if not u or secret not in (u["password"], u["key"]):
                raise AccessDenied()
            if method == "execute_kw":
                pos = args[5] if len(args) > 5 else []
                kw = dict(args[6]) if len(args) > 6 and args[6] else {}
            else:
                pos, kw = args[5:], {}
            context = kw.pop("context", None) or {}
            api_model = meth in ("create", "search", "search_read", "search_count", "fields_get",
                                 "load", "context_get")
            if meth == "create" and not pos:
                # odoo/api.py _call_kw_model_create reads args[0] whatever the kwargs say
                raise IndexError("tuple index out of range")
            ids = []
            if not api_model and pos:
                ids = pos[0] if isinstance(pos[0], list) else [pos[0]]
                pos = pos[1:]
            names = {"create": ["vals_list"], "write": ["vals"], "read": ["fields", "load"],
                     "search": ["domain", "offset", "limit", "order"],
                     "search_read": ["domain", "fields", "offset", "limit", "order"],
                     "search_count": ["domain", "limit"], "fields_get": ["allfields",
                                                                         "attributes"],
                     "load": ["fields", "data"]}.get(meth, [])
            for i, v in enumerate(pos):
                if i >= len(names):
                    raise TypeError("%s() takes %d positional arguments" % (meth, len(names)))
                kw[names[i]] = v
            return self.run_model_call({"uid": uid, "lang": context.get("lang")}, model, meth,
                                       ids, kw)
        raise NameError("No such service %s" % service)

    def control(self, command, raw):
        emu = self.emu
        body = json.loads(raw or b"{}")
        db = emu.db
        if command == "faults":
            with emu.lock:
                emu.faults.update(body)
                return self.send_json(200, dict(emu.faults))
        if command == "stats":
            with emu.lock:
                return self.send_json(200, copy.deepcopy(emu.stats))
        if command == "reset_stats":
            with emu.lock:
                emu.stats = {"calls": 0, "calls_by_method": {}, "commits": 0}
                return self.send_json(200, True)
        env = {"uid": body.get("uid", 2)}
        try:
            with db.lock:
                if command == "edit":
                    return self.send_json(200, db.write_ids(body["model"], [body["id"]],
                                                            body["values"], env))
                if command == "create":
                    return self.send_json(200, db.create_one(body["model"], body["values"], env))
                if command == "unlink":
                    return self.send_json(200, db.unlink_ids(body["model"], [body["id"]], env))
                if command == "add_field":
                    # What Settings > Technical > Fields (or Studio) does: a custom field,
                    # named x_..., on an existing model; or a new label for an existing one.
                    name = body["name"]
                    fields = db.models[body["model"]]["fields"]
                    if name not in fields and not name.startswith("x_"):
                        return self.send_json(400, {"message": "custom fields start with x_"})
                    spec = body["field"]
                    fields[name] = fld(spec.get("type", "char"), spec["string"],
                                       required=spec.get("required", False),
                                       relation=spec.get("relation"),
                                       readonly=spec.get("readonly", False),
                                       selection=spec.get("selection"))
                    return self.send_json(200, True)
                if command == "count":
                    return self.send_json(200, len(db.search_ids(body["model"],
                                                                 body.get("domain", []))))
        except OdooError as e:
            return self.send_json(e.http_code, serialize_exception(e))
        self.send_json(404, {"message": "unknown control command"})


class QuietTLSServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a client refusing our certificate ends the handshake: not the emulator's error
        if not isinstance(sys.exc_info()[1], (ssl.SSLError, ConnectionError)):
            super().handle_error(request, client_address)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--database", default="odoo")
    p.add_argument("--version", default="19.0")
    p.add_argument("--no-webhook", action="store_true")
    p.add_argument("--no-sync-state", action="store_true")
    p.add_argument("--latency-ms", type=float, default=0)
    p.add_argument("--tls-cert", help="also serve HTTPS (PEM certificate) on a second port")
    p.add_argument("--tls-key", help="the certificate's PEM private key")
    args = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.emu = Emulator(args)
    if args.tls_cert:
        # The same database over TLS (Odoo behind its usual TLS-terminating proxy); the control
        # endpoint stays reachable on the plain port.
        tls = QuietTLSServer(("127.0.0.1", 0), Handler)
        tls.daemon_threads = True
        tls.emu = server.emu
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True, do_handshake_on_connect=False)
        threading.Thread(target=tls.serve_forever, daemon=True).start()
        print("tls on %d" % tls.server_address[1], flush=True)
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
