# syntax=docker/dockerfile:1
# The mediasoup 3.12.16 worker, built from source against Debian 12's libraries
# by the same script the development machines use
# (scripts/media/build-mediasoup-worker.sh, which uses the meson shims in
# scripts/media/subprojects/).
#
#   docker build -f infra/docker/media.Dockerfile -t hop-truc-tuyen-media .
#
# Stages:
#   mediasoup-worker  node:24-bookworm with the build tools; the worker is at
#                     /opt/mediasoup/mediasoup-worker-3.12.16
#   media-runtime     (default) node:24-bookworm-slim with only the worker's
#                     runtime libraries and the worker. MEDIASOUP_WORKER_BIN
#                     points to the worker. mediasoup's postinstall then skips
#                     its GitHub download during `npm ci`, and mediasoup starts
#                     this binary at run time.
# Use media-runtime as the base of an image that runs mediasoup, or copy the
# worker into another image:
#   COPY --from=hop-truc-tuyen-media /usr/local/lib/mediasoup/ /usr/local/lib/mediasoup/
# (that image then also needs the runtime packages below and MEDIASOUP_WORKER_BIN).

FROM node:24-bookworm AS mediasoup-worker
# pip requirement for meson (Debian 12's meson 1.0.1 is too old).
# Pin it for reproducible builds, e.g. --build-arg MESON_SPEC=meson==1.12.1
ARG MESON_SPEC="meson>=1.1,<2"
ENV MEDIASOUP_CACHE_DIR=/opt/mediasoup \
    MEDIASOUP_MESON_SPEC=${MESON_SPEC}
# Copy only the script and its shims, so that changes to the app do not rebuild the worker.
COPY scripts/media/ /build/scripts/media/
RUN bash /build/scripts/media/build-mediasoup-worker.sh \
 && test -x /opt/mediasoup/mediasoup-worker-3.12.16

FROM node:24-bookworm-slim AS media-runtime
# Shared libraries the worker links to (libsrtp2-1 pulls in libnss3: Debian
# builds libsrtp2 against NSS).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libssl3 libuv1 libsrtp2-1 libusrsctp2 libabsl20220623 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=mediasoup-worker /opt/mediasoup/mediasoup-worker-3.12.16 /usr/local/lib/mediasoup/mediasoup-worker-3.12.16
ENV MEDIASOUP_WORKER_BIN=/usr/local/lib/mediasoup/mediasoup-worker-3.12.16
# Started without MEDIASOUP_VERSION, the worker exits with 41 ("not started by
# mediasoup"). Any other exit status means a shared library is missing.
RUN rc=0; "$MEDIASOUP_WORKER_BIN" || rc=$?; test "$rc" -eq 41
