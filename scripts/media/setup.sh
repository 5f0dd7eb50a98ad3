#!/usr/bin/env bash
# Audio and video on this machine: build (or take from the cache) mediasoup's
# worker, then install the mediasoup package against it. `npm start` starts
# the media process by itself once this has run.
set -euo pipefail
cd "$(dirname "$0")/../.."
MEDIASOUP_WORKER_BIN="$(bash scripts/media/build-mediasoup-worker.sh)"
export MEDIASOUP_WORKER_BIN
npm install --no-audit --no-fund
node -e "require('mediasoup'); console.log('mediasoup ' + require('mediasoup/package.json').version + ' with worker ' + process.env.MEDIASOUP_WORKER_BIN)"
