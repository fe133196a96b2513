"""Receive one large report upload with each candidate stack for ``rolcheck serve``: time and peak memory.

Usage: ``python benchmarks/bench_serve_upload.py starlette|flask REPORT.docx`` (Flask only for the
comparison in docs/serve.md; it is not a dependency). Figures there come from an 18.8 MB .docx.
"""
import asyncio
import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
stack = sys.argv[1]
# A real-shaped upload: a report .docx (the measurement used the draft example with an 18 MB picture).
docx_bytes = Path(sys.argv[2]).read_bytes()
boundary = "----rolcheckboundary"
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"checklist\"\r\n\r\nauto\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"reports\"; filename=\"青溪县报告.docx\"\r\n"
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n").encode() + docx_bytes + f"\r\n--{boundary}--\r\n".encode()
ctype = f"multipart/form-data; boundary={boundary}"
t0 = time.perf_counter()
if stack == "flask":
    import flask
else:
    import starlette.applications, uvicorn, python_multipart
imp = time.perf_counter() - t0
tracemalloc.start()
t0 = time.perf_counter()
if stack == "flask":
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request
    env = EnvironBuilder(method="POST", input_stream=io.BytesIO(body), content_type=ctype, content_length=len(body)).get_environ()
    req = Request(env)
    f = req.files["reports"]; 
    with tempfile.TemporaryDirectory() as d: f.save(os.path.join(d, "001.docx"))
else:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from checker.run import uploads
    async def chunks():
        for i in range(0, len(body), 65536):
            yield body[i:i+65536]
    with tempfile.TemporaryDirectory() as d:
        form = asyncio.run(uploads.receive(ctype, chunks(), Path(d), 20*1024*1024, (".docx",)))
        assert form.files[0].path.stat().st_size == len(docx_bytes)
dt = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1]
print(f"{stack}: import {imp*1000:.0f} ms, receive {len(body)/1e6:.1f} MB in {dt*1000:.0f} ms, peak Python memory {peak/1e6:.1f} MB (beyond the body itself)")
