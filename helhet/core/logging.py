"""Log filter that stamps each line with the request id (the incident id users see)."""

import logging

from helhet.core.requestid import get_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_request_id()
        return True
