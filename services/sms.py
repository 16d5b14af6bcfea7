"""Sending SMS through a gateway, only when one is configured. One provider is built in: Aliyun SMS (阿里云短信,
the dysmsapi `SendSms` action, RPC style, signature version 1.0 with HMAC-SHA1), set up from the environment:

ABLEMATCH_SMS_PROVIDER=aliyun, ABLEMATCH_SMS_ACCESS_KEY_ID, ABLEMATCH_SMS_ACCESS_KEY_SECRET,
ABLEMATCH_SMS_SIGN_NAME (the approved signature, such as 上虞区残联), ABLEMATCH_SMS_TEMPLATE (the approved
template's code, whose one variable ${content} receives the notice's text), and ABLEMATCH_SMS_ENDPOINT
(default https://dysmsapi.aliyuncs.com/). Without them nothing is sent: services.outreach puts the notice on
the call list instead."""

import base64
import hashlib
import hmac
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime
from typing import Protocol

ALIYUN_ENDPOINT = "https://dysmsapi.aliyuncs.com/"


class SmsError(Exception):
    """The gateway did not accept the message; the text says why (its code and message, or the network error)."""


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Send one message; the gateway's id of it, or SmsError."""


def percent_encode(value: str) -> str:
    # RFC 3986 with "~" unreserved, as Aliyun's signature asks (space as %20, "*" as %2A)
    return urllib.parse.quote(value, safe="~")


def aliyun_signature(params: dict[str, str], secret: str, method: str = "GET") -> str:
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSms:
    def __init__(self, access_key_id: str, access_key_secret: str, sign_name: str, template_code: str,
                 endpoint: str = ALIYUN_ENDPOINT, timeout: float = 10):
        self.access_key_id, self.access_key_secret = access_key_id, access_key_secret
        self.sign_name, self.template_code = sign_name, template_code
        self.endpoint, self.timeout = endpoint, timeout

    def request_params(self, phone: str, text: str) -> dict[str, str]:
        params = {
            "AccessKeyId": self.access_key_id, "Action": "SendSms", "Format": "JSON", "RegionId": "cn-hangzhou",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": uuid.uuid4().hex, "SignatureVersion": "1.0",
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
            "PhoneNumbers": phone, "SignName": self.sign_name, "TemplateCode": self.template_code,
            "TemplateParam": json.dumps({"content": text}, ensure_ascii=False),
        }
        params["Signature"] = aliyun_signature(params, self.access_key_secret)
        return params

    def send(self, phone: str, text: str) -> str:
        url = self.endpoint + "?" + urllib.parse.urlencode(self.request_params(phone, text), quote_via=urllib.parse.quote)
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:  # Aliyun answers refusals with 4xx and a JSON body
            try:
                answer = json.loads(error.read().decode("utf-8"))
            except ValueError:
                raise SmsError(f"HTTP {error.code}") from error
        except (OSError, ValueError) as error:
            raise SmsError(str(error) or type(error).__name__) from error
        if answer.get("Code") != "OK":
            raise SmsError(f"{answer.get('Code', '?')}: {answer.get('Message', '')}".strip())
        return str(answer.get("BizId") or answer.get("RequestId") or "")



def gateway_from_env(env=os.environ) -> SmsGateway | None:
    """The configured gateway, or None when SMS is not set up (or not completely: a half-set gateway would fail
    every message, so the notices go to the call list at once)."""
    if env.get("ABLEMATCH_SMS_PROVIDER") != "aliyun":
        return None
    names = ("ABLEMATCH_SMS_ACCESS_KEY_ID", "ABLEMATCH_SMS_ACCESS_KEY_SECRET", "ABLEMATCH_SMS_SIGN_NAME",
             "ABLEMATCH_SMS_TEMPLATE")
    if not all(env.get(name) for name in names):
        return None
    return AliyunSms(*(env[name] for name in names), endpoint=env.get("ABLEMATCH_SMS_ENDPOINT") or ALIYUN_ENDPOINT)
