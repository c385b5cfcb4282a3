"""Fixtures of the CLI tests: a kustomization of a Deployment and a Service (namePrefix kz-)."""

from __future__ import annotations

import pytest

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
"""
SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: websvc
spec:
  selector: {app: web}
  ports:
  - port: 80
"""


@pytest.fixture
def kz(tmp_path):
    (tmp_path / "dep.yaml").write_text(DEPLOYMENT)
    (tmp_path / "svc.yaml").write_text(SERVICE)
    (tmp_path / "kustomization.yaml").write_text("resources:\n- dep.yaml\n- svc.yaml\nnamePrefix: kz-\n")
    return tmp_path
