"""A transport for tests, passed as ``transport=`` (the clients' documented seam).

It records each request (path and decoded form fields, headers, timeout, whether it
may be replayed) and answers with what ``replies`` holds, else a succeeded status (an
empty function list for get-metadata).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl

from mailstore import Reply

SUCCEEDED: Dict[str, Any] = {
    "error": None,
    "token": None,
    "statusVersion": 2,
    "statusCode": "succeeded",
    "percentProgress": None,
    "statusText": None,
    "result": None,
    "logOutput": None,
}


class RecordingTransport:
    """Records requests; answers each with the next of ``replies`` (default: succeeded)."""

    def __init__(self, replies: Optional[List[Any]] = None) -> None:
        self.replies = list(replies or [])
        self.posts: List[Tuple[str, List[Tuple[str, str]]]] = []
        self.sent: List[Dict[str, Any]] = []

    def send(
        self,
        path: str,
        body: bytes,
        headers: Mapping[str, str],
        *,
        timeout: float,
        replayable: bool,
    ) -> Reply:
        fields = parse_qsl(body.decode("ascii"), keep_blank_values=True)
        self.posts.append((path, fields))
        self.sent.append(
            {
                "path": path,
                "body": body,
                "headers": dict(headers),
                "timeout": timeout,
                "replayable": replayable,
            }
        )
        if self.replies:
            answer = self.replies.pop(0)
        else:  # get-metadata answers a (here empty) list of functions, the rest a status
            answer = [] if path == "get-metadata" else SUCCEEDED
        if isinstance(answer, Reply):
            return answer
        return Reply(200, json.dumps(answer).encode())

    def close(self) -> None:
        pass
