"""Prometheus metrics for operators (`METRICS_PORT`): commands, latency, reminders, lag, gateway, database.

Values that live elsewhere (the dispatcher's counters, the gateway latency, the file size) are read when
Prometheus scrapes, through callables the bot registers; nothing polls in between.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
REMINDER_OUTCOMES = ("sent", "failed", "paused", "refused", "skipped")


class _Reminders(Collector):
    """The dispatcher's own counters and lag, read at scrape time."""

    def __init__(self) -> None:
        self.counts: Callable[[], Mapping[str, int]] = dict
        self.lag: Callable[[], float] = lambda: 0.0

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        family = CounterMetricFamily("stride_reminders", "Reminder deliveries by outcome", labels=["outcome"])
        counts = self.counts()
        for outcome in REMINDER_OUTCOMES:
            family.add_metric([outcome], counts.get(outcome, 0))
        yield family
        yield GaugeMetricFamily(
            "stride_dispatcher_lag_seconds", "Now minus the oldest due reminder slot not yet handled", self.lag()
        )


class Metrics:
    def __init__(self, database_path: Path | None = None) -> None:
        self.registry = CollectorRegistry()
        self.commands = Counter(
            "stride_commands", "Commands and button presses by name and outcome", ["command", "outcome"],
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "stride_command_seconds", "Time from receiving a command to its answer", ["command"],
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.reminders = _Reminders()
        self.registry.register(self.reminders)
        self._gateway_latency: Callable[[], float] = lambda: math.nan
        gateway = Gauge("stride_gateway_latency_seconds", "Discord gateway heartbeat latency", registry=self.registry)
        gateway.set_function(lambda: self._gateway_latency())
        if database_path is not None:
            size = Gauge("stride_database_bytes", "Database file size, WAL included", registry=self.registry)
            size.set_function(lambda: _file_size(database_path) + _file_size(Path(f"{database_path}-wal")))
        self._server: WSGIServer | None = None

    def observe_command(self, command: str, outcome: str, seconds: float) -> None:
        self.commands.labels(command, outcome).inc()
        if seconds >= 0:
            self.latency.labels(command).observe(seconds)

    def watch_gateway(self, latency: Callable[[], float]) -> None:
        self._gateway_latency = latency

    def watch_reminders(self, counts: Callable[[], Mapping[str, int]], lag: Callable[[], float]) -> None:
        self.reminders.counts, self.reminders.lag = counts, lag

    def serve(self, port: int, host: str) -> None:
        """Serve /metrics from a daemon thread (it never keeps the process alive)."""
        self._server, _ = start_http_server(port, addr=host, registry=self.registry)
        log.info("metrics on http://%s:%d/metrics", host, port)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def _file_size(path: Path) -> float:
    try:
        return float(os.path.getsize(path))
    except OSError:
        return 0.0
