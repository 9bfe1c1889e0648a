"""The JSON-lines protocol between the app (parent) and the training worker (child).

One JSON object per line, UTF-8, no NaN/Infinity (non-finite numbers travel as
null). Commands go to the worker's stdin, events come back on its stdout.

Commands (parent -> child)::

    {"cmd": "start", "job": {"project", "settings", "data", "base_dir", "run_dir", "evaluate"}}
    {"cmd": "pause"} {"cmd": "resume"} {"cmd": "stop"} {"cmd": "quit"}

    job["project"] is netbuilder.core.project.project_to_dict(...), job["settings"] a
    TrainingSettings dict (default: the project's), job["data"] a data spec (see
    standalone.parse_data_arg; default: the project's). Optional: job["validation_data"],
    a second data spec that replaces the validation split. job["evaluate"]: True evaluates
    finished runs, "always" stopped runs too (on a capped sample), False never.
    A predict job instead: {"kind": "predict", "model_path", "samples": [...], "losses"};
    its done event carries "predictions" (see worker.run_predict).

Events (child -> parent)::

    ready    {pid, tf_version}                 TensorFlow is imported, send a job
    started  {epochs, steps_per_epoch, samples, val_samples, data}   data: standalone.describe_data
    batch    {epoch, batch, steps, logs, samples_per_sec, eta_s}   at most ~10 per second
    epoch    {epoch, logs}                     logs include val_* entries
    log      {level, message}                  e.g. a loss switched to fit one-hot targets
    paused / resumed / stopping
    error    {message, detail}                 one clear sentence + traceback text
    done     {stopped, history, model_path, final_metrics, evaluation}
             history holds complete epochs only; evaluation is None when not evaluated.

Epoch and batch numbers start at 1; ``batch`` counts the batches done in the
current epoch, out of ``steps``.
"""

from __future__ import annotations

import json
import math
from typing import Any

# commands
CMD_START = "start"
CMD_PAUSE = "pause"
CMD_RESUME = "resume"
CMD_STOP = "stop"
CMD_QUIT = "quit"
COMMANDS = frozenset({CMD_START, CMD_PAUSE, CMD_RESUME, CMD_STOP, CMD_QUIT})

# events
EV_READY = "ready"
EV_STARTED = "started"
EV_BATCH = "batch"
EV_EPOCH = "epoch"
EV_LOG = "log"
EV_PAUSED = "paused"
EV_RESUMED = "resumed"
EV_STOPPING = "stopping"
EV_ERROR = "error"
EV_DONE = "done"
EVENTS = frozenset(
    {
        EV_READY,
        EV_STARTED,
        EV_BATCH,
        EV_EPOCH,
        EV_LOG,
        EV_PAUSED,
        EV_RESUMED,
        EV_STOPPING,
        EV_ERROR,
        EV_DONE,
    }
)
# After one of these the job is over.
TERMINAL_EVENTS = frozenset({EV_ERROR, EV_DONE})

# The worker module, run as ``python -m WORKER_MODULE``.
WORKER_MODULE = "netbuilder.core.training.worker"
# Set to "1" in the worker's environment to honour test-only fault hooks (job["_fault"]).
FAULTS_ENV = "NETBUILDER_TEST_FAULTS"


class ProtocolError(ValueError):
    """A line is not a valid protocol message."""


def jsonable(value: Any) -> Any:
    """``value`` with NumPy scalars/arrays turned into Python values and non-finite floats into None."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    tolist = getattr(value, "tolist", None)  # NumPy scalars and arrays
    if callable(tolist):
        return jsonable(tolist())
    try:
        return jsonable(float(value))
    except (TypeError, ValueError):
        return str(value)


def encode(message: dict[str, Any]) -> str:
    """One protocol line (with the trailing newline)."""
    return json.dumps(jsonable(message), ensure_ascii=False, allow_nan=False) + "\n"


def decode(line: str | bytes) -> dict[str, Any]:
    """Parse one line into a message with a known ``cmd`` or ``event``; raises ProtocolError."""
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")
    try:
        message = json.loads(line)
    except ValueError as exc:
        raise ProtocolError(f"not a JSON line: {line[:200]!r} ({exc})") from None
    if not isinstance(message, dict):
        raise ProtocolError(f"a protocol message must be a JSON object, got {line[:200]!r}")
    if "cmd" in message:
        if message["cmd"] not in COMMANDS:
            raise ProtocolError(f"unknown command {message['cmd']!r}")
    elif "event" in message:
        if message["event"] not in EVENTS:
            raise ProtocolError(f"unknown event {message['event']!r}")
    else:
        raise ProtocolError(f"a message needs a 'cmd' or an 'event', got {line[:200]!r}")
    return message


def command(name: str, **fields: Any) -> dict[str, Any]:
    return {"cmd": name, **fields}


def event(name: str, **fields: Any) -> dict[str, Any]:
    return {"event": name, **fields}
