#!/usr/bin/python3
"""Loopback RTSP server for Watchroom's tests (GStreamer's gst-rtsp-server).

Mounts:
  /test   videotestsrc (moving ball) encoded to H.264, live
  /vtest  the footage file given by --footage, decoded and re-encoded to H.264
With --user/--password every mount requires basic auth (401 otherwise).
Prints "READY <port>" on stdout once it listens, then runs until killed.
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

ENCODE = ("x264enc tune=zerolatency speed-preset=ultrafast key-int-max={gop} bitrate=1500 "
          "! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1")


def role_token(role):
    token = GstRtspServer.RTSPToken.new()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, role)
    return token


def factory(launch, roles):
    f = GstRtspServer.RTSPMediaFactory()
    f.set_launch("( " + launch + " )")
    f.set_shared(True)
    permissions = GstRtspServer.RTSPPermissions()
    for role in roles:
        permissions.add_permission_for_role(role, GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
        permissions.add_permission_for_role(role, GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
    f.set_permissions(permissions)
    return f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--footage")
    ap.add_argument("--user", help="when given, every mount requires basic auth")
    ap.add_argument("--password")
    args = ap.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    mounts = server.get_mount_points()

    test = ("videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1 "
            "! videoconvert ! " + ENCODE.format(gop=15))
    roles = ("viewer",) if args.user else ("anonymous",)
    mounts.add_factory("/test", factory(test, roles))
    if args.footage:
        vtest = ("filesrc location=\"{}\" ! decodebin ! videoconvert ! videorate ! video/x-raw,framerate=10/1 ! "
                 .format(args.footage) + ENCODE.format(gop=10))
        mounts.add_factory("/vtest", factory(vtest, roles))


    auth = GstRtspServer.RTSPAuth()
    if args.user:
        # No default token: anonymous clients are challenged with 401.
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), role_token("viewer"))
    else:
        auth.set_default_token(role_token("anonymous"))
    server.set_auth(auth)

    if server.attach(None) == 0:
        print("ERROR cannot listen on port", args.port, flush=True)
        sys.exit(2)
    print("READY", args.port, flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
