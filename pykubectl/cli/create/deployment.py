"""create deployment: the object kubectl's generator builds from flags."""

from __future__ import annotations

from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, _int_flag, common_options, emit, meta, one_name, required


def _container_name(image: str) -> str:
    """kubectl's container name for an image: the last path element, without tag or digest."""
    name = image.split("@")[0].split("/")[-1].split(":")[0]
    return name


def register(create: click.Group) -> None:
    """Add deployment to the create group."""
    @create.command("deployment", context_settings=CTX)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="NAME [-- COMMAND] [args...]")
    @click.option("--image", "images", multiple=True, help="Image names to run. A deployment can have multiple images set for multi-container pod.")
    @click.option("-r", "--replicas", default="1", help="Number of replicas to create. Default is 1.")
    @click.option("--port", default="-1", help="The containerPort that this deployment exposes.")
    @common_options
    def create_deployment(args: tuple[str, ...], images: tuple[str, ...], replicas: str, port: str,
                          dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a deployment with the specified name.

        \b
        Examples:
          # Create a deployment named my-dep that runs the busybox image
          pykubectl create deployment my-dep --image=busybox
        \b
          # Create a deployment with a command
          pykubectl create deployment my-dep --image=busybox -- date
        \b
          # Create a deployment named my-dep that runs the nginx image with 3 replicas
          pykubectl create deployment my-dep --image=nginx --replicas=3
        \b
          # Create a deployment named my-dep that runs the busybox image and expose port 5701
          pykubectl create deployment my-dep --image=busybox --port=5701
        """
        n_replicas = _int_flag(replicas, "-r, --replicas")
        n_port = _int_flag(port, "--port")
        required(images, "image")
        name = one_name(tuple(args))
        command = list(args[1:])
        if len(images) > 1 and command:
            raise errors.ClientError("error: cannot specify multiple --image options and command")
        env = common.env_of()
        containers = []
        for img in images:
            cname = _container_name(img)
            c: dict = {"name": cname, "image": img}
            if command:
                c["command"] = command
            if n_port >= 0 and not containers:
                c["ports"] = [{"containerPort": n_port}]
            c["resources"] = {}
            containers.append(c)
        labels = {"app": name}
        obj = {
            "kind": "Deployment", "apiVersion": "apps/v1", "metadata": meta(name, env, dict(labels)),
            "spec": {"replicas": n_replicas, "selector": {"matchLabels": dict(labels)},
                     "template": {"metadata": {"creationTimestamp": None, "labels": dict(labels)},
                                  "spec": {"containers": containers}},
                     "strategy": {}},
            "status": {},
        }
        emit(env, obj, dry_run, output, save_config)
