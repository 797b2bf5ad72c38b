#!/usr/bin/python3
"""QGIS's own PostgreSQL provider loads toponym's PostGIS layers and applies their default
styles from layer_styles on load (qgis-check opens data through OGR, whose provider only reads
styles stored in GeoPackage/SQLite files, so it cannot check this).

usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis-pg-styles.py "CONNINFO" SCHEMA LAYER...
Prints one line per layer; exit 1 when a layer is invalid, empty or not styled as its QML says.
"""
import os
import sys
import tempfile

conninfo, schema, layers = sys.argv[1], sys.argv[2], sys.argv[3:]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsDataSourceUri, QgsProviderRegistry, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False, tempfile.mkdtemp(prefix="qgis-pg-styles-"))
app.initQgis()
failed = 0
keep = []
for name in layers:
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource(schema, name, "geom")
    layer = QgsVectorLayer(uri.uri(False), name, "postgres")
    keep.append(layer)
    if not layer.isValid():
        print("FAIL %s: the postgres provider cannot load %s" % (name, uri.uri(False)))
        failed += 1
        continue
    qml = QgsProviderRegistry.instance().loadStyle("postgres", layer.source(), "")
    qml = qml[0] if isinstance(qml, tuple) else qml
    if not qml:
        print("FAIL %s: no default style in layer_styles" % name)
        failed += 1
        continue
    doc = QDomDocument()
    doc.setContent(qml)
    ref = QgsVectorLayer(layer.source(), name, "postgres", QgsVectorLayer.LayerOptions(False))
    keep.append(ref)
    ref.importNamedStyle(doc)
    want = ref.renderer().dump() if ref.renderer() else ""
    got = layer.renderer().dump() if layer.renderer() else ""
    if not want or got != want or layer.featureCount() < 1:
        print("FAIL %s: style not applied on load (%s), %d features" % (name, layer.renderer().type(), layer.featureCount()))
        failed += 1
    else:
        print("ok   %s: %d features, default style from layer_styles applied on load (%s)"
              % (name, layer.featureCount(), layer.renderer().type()))
print("qgis-pg-styles: %d passed, %d failed" % (len(layers) - failed, failed))
sys.stdout.flush()
os._exit(1 if failed else 0)
