#!/usr/bin/python3
"""Loopback RTSP server for Watchroom's tests (GStreamer's gst-rtsp-server).

Mounts:
  /test   videotestsrc (moving ball) encoded to H.264, live
  /vtest  the footage file given by --footage, decoded and re-encoded to H.264
  /clock  640x360 30 fps frames that show the wall-clock time at which each entered the encoder, as a code a
          screen grab can read (glass-to-glass latency; see clock_frame)
With --user/--password every mount requires basic auth (401 otherwise).
Prints "READY <port>" on stdout once it listens, then runs until killed.
"""
import argparse
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

ENCODE = ("x264enc tune=zerolatency speed-preset=ultrafast key-int-max={gop} bitrate=1500 "
          "! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1")


# The clock code (GlassToGlassBenchmark reads it back): a magenta border CLOCK_BORDER px wide around an 8x4 grid of
# black/white cells, row by row, the least significant bit first: bits 0-23 the wall-clock time in ms modulo 2^24,
# bits 24-31 a check byte (the three time bytes XOR 0xA5) that rejects a grab caught between two frames.
CLOCK_W, CLOCK_H, CLOCK_FPS, CLOCK_BORDER, CLOCK_COLS, CLOCK_ROWS = 640, 360, 30, 24, 8, 4
CELL_W = (CLOCK_W - 2 * CLOCK_BORDER) // CLOCK_COLS
CELL_H = (CLOCK_H - 2 * CLOCK_BORDER) // CLOCK_ROWS
MAGENTA_YUV = (106, 202, 222)


def clock_template():
    y_size = CLOCK_W * CLOCK_H
    c_w, c_h = CLOCK_W // 2, CLOCK_H // 2
    frame = bytearray([MAGENTA_YUV[0]]) * y_size + bytearray([MAGENTA_YUV[1]]) * (c_w * c_h) \
        + bytearray([MAGENTA_YUV[2]]) * (c_w * c_h)
    b = CLOCK_BORDER // 2
    for plane in (y_size, y_size + c_w * c_h):  # neutral chroma inside the border
        for row in range(b, c_h - b):
            start = plane + row * c_w
            frame[start + b:start + c_w - b] = bytes([128]) * (c_w - 2 * b)
    return frame


def clock_frame(frame, millis):
    t = millis & 0xFFFFFF
    word = t | (((t & 0xFF) ^ ((t >> 8) & 0xFF) ^ (t >> 16) ^ 0xA5) << 24)
    for grid_row in range(CLOCK_ROWS):
        line = bytearray([MAGENTA_YUV[0]]) * CLOCK_W
        for col in range(CLOCK_COLS):
            bit = (word >> (grid_row * CLOCK_COLS + col)) & 1
            x = CLOCK_BORDER + col * CELL_W
            line[x:x + CELL_W] = bytes([235 if bit else 16]) * CELL_W
        line[CLOCK_BORDER + CLOCK_COLS * CELL_W:CLOCK_W - CLOCK_BORDER] = bytes([16]) * (
            CLOCK_W - 2 * CLOCK_BORDER - CLOCK_COLS * CELL_W)
        top = CLOCK_BORDER + grid_row * CELL_H
        for row in range(top, top + CELL_H):
            frame[row * CLOCK_W:(row + 1) * CLOCK_W] = line
    return frame


def clock_feeder(media, gone):
    """Pushes a clock frame every 1/CLOCK_FPS s into the media's appsrc until the media is unprepared."""
    appsrc = media.get_element().get_child_by_name("clock")
    frame = clock_template()
    period = 1.0 / CLOCK_FPS
    next_tick = time.monotonic()
    while not gone.is_set():
        next_tick += period
        delay = next_tick - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_tick = time.monotonic()  # late: no burst to catch up
        # (not media.get_status(): it blocks while the media prepares, and preparing waits for these frames)
        if appsrc.get_state(0)[1] != Gst.State.PLAYING:
            continue  # frames queued before playing would come out late, all at once
        clock_frame(frame, time.time_ns() // 1_000_000)
        if appsrc.emit("push-buffer", Gst.Buffer.new_wrapped(bytes(frame))) != Gst.FlowReturn.OK:
            time.sleep(0.1)


def start_clock_feeder(media):
    gone = threading.Event()
    media.connect("unprepared", lambda m: gone.set())
    threading.Thread(target=clock_feeder, args=(media, gone), daemon=True).start()


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
    clock = ("appsrc name=clock is-live=true do-timestamp=true format=time caps=video/x-raw,format=I420,"
             "width={},height={},framerate={}/1 ! ".format(CLOCK_W, CLOCK_H, CLOCK_FPS) + ENCODE.format(gop=CLOCK_FPS))
    clock_factory = factory(clock, roles)
    clock_factory.connect("media-configure", lambda f, media: start_clock_feeder(media))
    mounts.add_factory("/clock", clock_factory)

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
