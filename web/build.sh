#!/usr/bin/env bash
# Build-time only: fetch Leaflet, Leaflet.markercluster and Syria governorate outlines from the npm registry and copy what the page
# needs into src/marsad/web/static/. The outputs are committed, so users and CI never need npm or node.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
static="$here/../src/marsad/web/static"
cd "$here"
npm ci --no-audit --no-fund

# Leaflet (BSD-2-Clause): minified build, stylesheet, marker images and its licence.
dest="$static/vendor/leaflet"
rm -rf "$dest" && mkdir -p "$dest/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$dest/"
cp node_modules/leaflet/dist/images/*.png "$dest/images/"
cp node_modules/leaflet/LICENSE "$dest/LICENSE"

# Leaflet.markercluster (MIT): marker clustering for archives of thousands of incidents.
dest="$static/vendor/leaflet.markercluster"
rm -rf "$dest" && mkdir -p "$dest"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
  node_modules/leaflet.markercluster/dist/MarkerCluster.css \
  node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$dest/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$dest/LICENSE"

# Governorates from @amcharts/amcharts4-geodata (linkware licence: attribution shown on the map, LICENSE shipped).
geo="$static/vendor/amcharts-geodata"
rm -rf "$geo" && mkdir -p "$geo"
cp node_modules/@amcharts/amcharts4-geodata/LICENSE "$geo/LICENSE"
python3 "$here/geodata.py" node_modules/@amcharts/amcharts4-geodata/json/syriaHigh.json \
  "$static/syria_governorates.geojson"
echo "vendor files written under $static"
