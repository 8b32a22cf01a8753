"""pxe/ipxe boot and direct deploy: validation, and honest refusals."""
from __future__ import annotations

import types

import pytest

from ironic.common import exception
from ironic.drivers.modules.agent import deploy
from ironic.drivers.modules.pxe import ipxe
from ironic.drivers.modules.pxe import pxe


def _task(driver_info=None, instance_info=None, ports=("p",)):
    node = types.SimpleNamespace(uuid="n1", driver_info=driver_info or {},
                                 instance_info=instance_info or {})
    return types.SimpleNamespace(node=node, ports=list(ports))


def test_pxe_needs_deploy_images_and_a_port():
    with pytest.raises(exception.MissingParameterValue, match="deploy_kernel"):
        pxe.PXEBoot().validate(_task())
    with pytest.raises(exception.MissingParameterValue, match="no ports"):
        ipxe.IPXEBoot().validate(_task({"deploy_kernel": "k", "deploy_ramdisk": "r"},
                                       ports=()))
    pxe.PXEBoot().validate(_task({"deploy_kernel": "k", "deploy_ramdisk": "r"}))


def test_pxe_boot_is_not_available_yet():
    with pytest.raises(exception.OperationNotAvailable, match="iPXE"):
        ipxe.IPXEBoot().prepare_ramdisk(_task(), {})


def test_direct_deploy_needs_image_source_and_url_checksum():
    with pytest.raises(exception.MissingParameterValue, match="image_source"):
        deploy.AgentDeploy().validate(_task())
    with pytest.raises(exception.MissingParameterValue, match="image_checksum"):
        deploy.AgentDeploy().validate(_task(instance_info={"image_source": "http://x/i"}))
    deploy.AgentDeploy().validate(_task(instance_info={"image_source": "glance-uuid"}))


def test_direct_deploy_is_not_available_yet():
    with pytest.raises(exception.OperationNotAvailable, match="ramdisk agent"):
        deploy.AgentDeploy().deploy(_task())
