"""High-water marks for listings that page newest-first with an opaque token."""

from datetime import UTC

from ..posts import parse_datetime

_MAX_UNDATED_IDS = 500
_OWN_KEYS = {"since", "seen_ids", "undated_ids", "page", "pending_since", "pending_ids"}


def _iso(moment):
    return moment.astimezone(UTC).isoformat() if moment else None


class Watermark:
    """Track the newest timestamp seen across a paging pass.

    Stored cursor once a pass is complete::

        {"since": "2024-05-14T10:02:44+00:00", "seen_ids": ["ids at that instant"]}

    While a pass is paging it also carries ``page`` (the platform's next-page
    token) and the pending mark ``pending_since``/``pending_ids`` that becomes
    ``since`` when the pass ends. Other keys of the cursor (an ETag...) are kept.
    Items at or below the stored mark are dropped and end the pass.
    """

    def __init__(self, cursor):
        cursor = dict(cursor or {})
        self.extra = {k: v for k, v in cursor.items() if k not in _OWN_KEYS}
        self.since = parse_datetime(cursor.get("since"))
        self.seen_ids = {str(i) for i in cursor.get("seen_ids") or ()}
        self.undated_ids = [str(i) for i in cursor.get("undated_ids") or ()]
        self.page = cursor.get("page") or None
        mid_pass = self.page is not None
        self.pending_since = (
            parse_datetime(cursor.get("pending_since")) if mid_pass else None
        )
        self.pending_ids = (
            {str(i) for i in cursor.get("pending_ids") or ()} if mid_pass else set()
        )
        self.reached_old = False

    def admit(self, when, external_id):
        """True when the item is new; remembers it for the next mark."""
        external_id = str(external_id)
        if when is None:
            if external_id in self.undated_ids:
                return False
            self.undated_ids.insert(0, external_id)
            return True
        if external_id in self.seen_ids or (self.since and when < self.since):
            self.reached_old = True
            return False
        if self.pending_since is None or when > self.pending_since:
            self.pending_since, self.pending_ids = when, {external_id}
        elif when == self.pending_since:
            self.pending_ids.add(external_id)
        return True

    def next_cursor(self, next_page):
        """``(cursor, done)``: keep paging while there is a page and nothing old."""
        undated = self.undated_ids[:_MAX_UNDATED_IDS]
        if next_page and not self.reached_old:
            cursor = {
                "since": _iso(self.since),
                "seen_ids": sorted(self.seen_ids),
                "undated_ids": undated,
                "page": next_page,
                "pending_since": _iso(self.pending_since),
                "pending_ids": sorted(self.pending_ids),
            }
            return _compact({**self.extra, **cursor}), False
        since, seen = self.since, self.seen_ids
        if self.pending_since and (since is None or self.pending_since > since):
            since, seen = self.pending_since, self.pending_ids
        elif self.pending_since and self.pending_since == since:
            seen = seen | self.pending_ids
        cursor = {
            "since": _iso(since),
            "seen_ids": sorted(seen),
            "undated_ids": undated,
        }
        return _compact({**self.extra, **cursor}), True


def _compact(cursor):
    return {key: value for key, value in cursor.items() if value not in (None, [])}
