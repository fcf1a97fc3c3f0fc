"""Batched INSERT and UPDATE for the ingestion path, where ``create()`` and
``write()`` cost more per row than the row itself (``default_get`` for every
row, a cache entry for every field of every record, mail.thread hooks that
the ingestion turns off anyway)."""

from odoo.tools import SQL, split_every

INSERT_BATCH_SIZE = 1000


def insert_rows(model, rows):
    """Create records of ``model`` from ``rows`` (dicts of stored column
    values) and return them, in one INSERT per 1,000 rows.

    What ``create()`` does for every row is done once for the batch: the
    access checks (rights before, record rules on the new rows after), the
    defaults of the columns that no row gives (one
    ``default_get``), the log access columns. Afterwards the stored fields
    computed from these columns are marked to recompute, Python constraints
    run and cached inverse relations (``identity.mention_ids``...) are
    dropped from the cache.

    ``create()`` overrides do not run: use it only where the caller gives
    every value those overrides would (ingestion: tracking, chatter and
    followers off). Many2many links go through :func:`insert_links`.
    """
    if not rows:
        return model.browse()
    model.check_access("create")
    fields = model._fields
    given = set().union(*rows)
    for name in given:
        field = fields[name]
        if not (field.store and field.column_type) or name in ("id", "parent_path"):
            raise ValueError(f"{model._name}.{name} is not a stored column")
    defaults = {
        name: value
        for name, value in model.default_get(
            [
                name
                for name, field in fields.items()
                if field.store
                and field.column_type
                and name not in given
                and name not in ("id", "parent_path")
            ]
        ).items()
        if fields[name].column_type
    }
    if model._log_access:
        now = model.env.cr.now()
        for name, value in (
            ("create_uid", model.env.uid),
            ("create_date", now),
            ("write_uid", model.env.uid),
            ("write_date", now),
        ):
            defaults.setdefault(name, value)
    names = sorted(given | set(defaults))
    columns = [fields[name] for name in names]
    plain_types = [_plain_type(field) for field in columns]
    ids = []
    for chunk in split_every(INSERT_BATCH_SIZE, rows):
        values = []
        for row in chunk:
            full = dict(defaults, **row)
            values.append(
                tuple(
                    value
                    if type(value := full.get(field.name)) is plain_type
                    else field.convert_to_column_insert(value, model, full)
                    for field, plain_type in zip(columns, plain_types, strict=True)
                )
            )
        model.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) VALUES %s RETURNING id",
                SQL.identifier(model._table),
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL(", ").join(values),
            )
        )
        ids.extend(row[0] for row in model.env.cr.fetchall())
    records = model.browse(ids)
    _forget_inverses(model, columns)
    # computed values given by the caller are final, as in create()
    given_computed = [fields[name] for name in given if fields[name].compute]
    with model.env.protecting(given_computed, records):
        records.modified(names, create=True)
    records._validate_fields(names)
    records.check_access("create")  # the record rules, on what was inserted
    return records


def write_rows(records, values_list):
    """Write different values on each record of ``records`` (``values_list``
    in the same order) without one ``write()`` per record: the values go to
    the cache, marked to be written, one call per field for the batch, and
    the ORM flushes them as grouped ``UPDATE ... FROM (VALUES ...)``.

    Dependent fields are marked to recompute and Python constraints run;
    ``write()`` overrides, tracking and access checks do not: callers check
    access and only write fields that no override cares about."""
    cache = records.env.cache
    names = sorted({name for values in values_list for name in values})
    for name in names:
        field = records._fields[name]
        ids, cache_values = [], []
        for record, values in zip(records, values_list, strict=True):
            if name in values:
                ids.append(record.id)
                cache_values.append(field.convert_to_cache(values[name], record))
        changed = records.browse(ids)
        changed.modified([name], before=True)
        cache.update(changed, field, cache_values, dirty=True)
        changed.modified([name])
    records._validate_fields(names)


def _plain_type(field):
    """The Python type whose values the field stores as they are (what
    ``convert_to_column_insert`` would return unchanged), or ``None``."""
    if field.company_dependent or getattr(field, "translate", False):
        return None
    if field.type in ("char", "text", "selection") and not getattr(field, "size", None):
        return str
    if field.type in ("integer", "many2one"):
        return int
    return None


def insert_links(model, field_name, pairs):
    """Add ``(record id, linked id)`` pairs to the many2many ``field_name`` of
    ``model`` in one INSERT; pairs already linked are skipped."""
    if not pairs:
        return
    field = model._fields[field_name]
    model.env.cr.execute(
        SQL(
            "INSERT INTO %s (%s, %s) VALUES %s ON CONFLICT DO NOTHING",
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            SQL.identifier(field.column2),
            SQL(", ").join(pairs),
        )
    )
    records = model.browse({record_id for record_id, _linked in pairs})
    records.invalidate_recordset([field_name], flush=False)
    records.modified([field_name])
    model.env[field.comodel_name].invalidate_model(
        [inverse.name for inverse in model.pool.field_inverses[field]], flush=False
    )


def _forget_inverses(model, columns):
    for field in columns:
        if field.type != "many2one":
            continue
        for inverse in model.pool.field_inverses[field]:
            model.env[inverse.model_name].invalidate_model([inverse.name], flush=False)
