#!/usr/bin/env bash
# Lays out one .deb from a self-contained publish folder and builds it with dpkg-deb (build.cake's Package calls this).
# usage: packaging/build-deb.sh PUBLISH_DIR DEB_ARCH VERSION STAGING_DIR OUT_DIR
set -euo pipefail
publish=$1 arch=$2 version=$3 root=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

rm -rf "$root"
install -d "$root/DEBIAN" "$root/usr/lib/edge-gateway" "$root/usr/bin" "$root/etc/edge-gateway" \
  "$root/usr/lib/systemd/system" "$root/usr/lib/tmpfiles.d" "$root/usr/lib/udev/rules.d" \
  "$root/usr/share/doc/edge-gateway" "$root/usr/share/lintian/overrides"

# The application, without debug files, XML docs, samples, or the runtime's debugger and tracing back-ends
# (createdump, libmscordaccore/libmscordbi: debugging; libcoreclrtraceptprovider: LTTng tracing; libclrgc*: the
# standalone GCs nobody selects).
cp -a "$publish/." "$root/usr/lib/edge-gateway/"
( cd "$root/usr/lib/edge-gateway"
  rm -f ./*.pdb ./*.xml ./*.dbg virtual-cabinet.json createdump libmscordaccore.so libmscordbi.so \
        libcoreclrtraceptprovider.so libclrgc.so libclrgcexp.so )
find "$root/usr/lib/edge-gateway" -type d -exec chmod 0755 {} +
find "$root/usr/lib/edge-gateway" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/lib/edge-gateway/edge-gateway"
ln -s ../lib/edge-gateway/edge-gateway "$root/usr/bin/edge-gateway"

install -m 0644 "$repo/systemd/edge-gateway.service" "$root/usr/lib/systemd/system/edge-gateway.service"
install -m 0644 "$repo/systemd/edge-gateway.tmpfiles.conf" "$root/usr/lib/tmpfiles.d/edge-gateway.conf"
install -m 0644 "$repo/systemd/99-edge-gateway.rules" "$root/usr/lib/udev/rules.d/99-edge-gateway.rules"
# The conffile (no secrets in it as shipped): dpkg keeps the installer's edits on upgrade; postinst makes it
# root:edge-gateway 0640 before anything can write a secret into it.
install -m 0644 "$here/debian/config.json" "$root/etc/edge-gateway/config.json"
install -m 0644 "$here/debian/copyright" "$root/usr/share/doc/edge-gateway/copyright"
install -m 0644 "$repo/README.md" "$root/usr/share/doc/edge-gateway/README.md"
printf 'edge-gateway (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- edge-gateway team <edge-gateway@example.org>  %s\n' \
  "$version" "$version" "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n > "$root/usr/share/doc/edge-gateway/changelog.gz"
chmod 0644 "$root/usr/share/doc/edge-gateway/changelog.gz"
install -m 0644 "$here/debian/lintian-overrides" "$root/usr/share/lintian/overrides/edge-gateway"

for s in postinst prerm postrm; do install -m 0755 "$here/debian/$s" "$root/DEBIAN/$s"; done
echo /etc/edge-gateway/config.json > "$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: edge-gateway
Version: $version
Architecture: $arch
Maintainer: edge-gateway team <edge-gateway@example.org>
Installed-Size: $size
Depends: adduser, libc6, libgcc-s1, libstdc++6, libssl3 | libssl3t64
Recommends: systemd
Section: misc
Priority: optional
Description: street-cabinet edge gateway (lighting, parking, bins, energy meters)
 Reads a street cabinet's sensors over I2C, GPIO and Modbus, runs its lighting,
 parking bays, bins and alarms locally, keeps everything in a durable log and
 forwards it to the central servers over MQTT. Self-contained: the .NET runtime
 it needs is inside the package.
CONTROL
chmod 0644 "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/edge-gateway_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb $(stat -c %s "$deb") bytes, installed $size KiB"
