#!/bin/sh
# /usr/local/bin/groupz on a server set up by deploy/provision.sh: the installed platform's command
# (`groupz staff add ...`, `groupz backup list`, ...), run as the user groupz with the server's
# settings, so that what it writes belongs to the service. Run it as root: `sudo groupz ...`.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "groupz: run this as root (sudo groupz ...): it runs the command as the user groupz" >&2
  exit 1
fi
cd /var/lib/groupz
exec runuser -u groupz -- env GROUPZ_CONFIG_FILE=/etc/groupz/groupz.env HOME=/var/lib/groupz \
  /usr/local/bin/node /opt/groupz/bin/groupz.js "$@"
