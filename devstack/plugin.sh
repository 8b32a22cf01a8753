#!/bin/bash
# shellcheck shell=bash
# DevStack plugin entry point: DevStack sources this file in every phase with
# the phase names as arguments ("stack install", "stack post-config", ...).

# shellcheck source=devstack/lib/ironic
source "$DEST/ironic/devstack/lib/ironic"

if is_service_enabled ir-api ir-cond; then
    case "$1/$2" in
        stack/install)
            echo_summary "Installing Ironic"
            install_ironic
            ;;
        stack/post-config)
            echo_summary "Configuring Ironic"
            configure_ironic
            init_ironic
            ;;
        stack/extra)
            echo_summary "Starting Ironic"
            start_ironic
            ;;
    esac

    if [[ "$1" == "unstack" ]]; then
        stop_ironic
    fi

    if [[ "$1" == "clean" ]]; then
        cleanup_ironic
    fi
fi
