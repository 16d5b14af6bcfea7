"""A stand-in for Aliyun's SMS endpoint: a real HTTP server on 127.0.0.1 in a thread that checks each request's
signature with the secret, as Aliyun does, and answers like Aliyun (Code OK with a BizId, or an error code)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from services.sms import aliyun_signature

SECRET = "test-secret-不在仓库"


class StandIn:
    def __init__(self):
        self.received: list[dict] = []
        #: phone numbers the stand-in refuses, as Aliyun refuses a number that is not a mobile's
        self.refuse: set[str] = set()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
                signature = params.pop("Signature", "")
                if signature != aliyun_signature(params, SECRET):
                    return self._answer(400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched."})
                stand_in.received.append(params)
                if params["PhoneNumbers"] in stand_in.refuse:
                    return self._answer(200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"})
                return self._answer(200, {"Code": "OK", "Message": "OK", "BizId": f"biz{len(stand_in.received)}",
                                          "RequestId": "req"})

            def _answer(self, status, body):
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
