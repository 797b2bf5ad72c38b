#!/usr/bin/python3
"""QGIS 3.22 itself evaluates the governorates' label of a GeoPackage that `toponym map` writes
(its style from layer_styles): each name isolated (FSI ... PDI), English over Arabic; and its
text renderer draws the isolates as nothing. Run by ctest (label 'shared': scripts/check installs
QGIS with ../shared's qgis-check before the tests); fails when QGIS's Python bindings are missing.
usage: qgis-labels.py TOPONYM WORKDIR
"""
import os, subprocess, sys, tempfile

toponym, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
runtime = tempfile.mkdtemp(dir=work)  # Qt wants a private runtime dir
os.environ["XDG_RUNTIME_DIR"] = runtime
os.environ["QT_QPA_PLATFORM"] = "offscreen"
report = os.path.join(work, "idleb.txt")
with open(report, "w", encoding="utf-8") as f:
    f.write("---\npublished: 2019-12-21\n---\nAir strikes hit Saraqib in Idlib on Saturday.\n")
gpkg = os.path.join(work, "labels.gpkg")
subprocess.run([toponym, "map", "-q", "--overwrite", report, "-o", gpkg], check=True)

try:
    from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext, QgsExpressionContextUtils,
                           QgsRenderContext, QgsTextFormat, QgsTextRenderer, QgsVectorLayer)
    from qgis.PyQt.QtCore import QPointF, QSize
    from qgis.PyQt.QtGui import QColor, QImage, QPainter
except ImportError as e:
    sys.exit("qgis-labels: QGIS's Python bindings are missing (%s); scripts/check installs them" % e)

app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(gpkg + "|layername=governorates", "governorates", "ogr")
assert layer.isValid() and layer.labelsEnabled(), "the stored style labels the governorates"
expression = QgsExpression(layer.labeling().settings().fieldName)
context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
label = None
for feature in layer.getFeatures():
    if feature["admin1_pcode"] == "SY07":
        context.setFeature(feature)
        label = expression.evaluate(context)


def draw(text):
    image = QImage(QSize(240, 60), QImage.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    text_format = QgsTextFormat()
    text_format.setSize(14)
    QgsTextRenderer.drawText(QPointF(10, 40), 0, QgsTextRenderer.AlignLeft, [text],
                             QgsRenderContext.fromQPainter(painter), text_format)
    painter.end()
    return image


invisible = draw("Idleb (3) \u0625\u062f\u0644\u0628") == draw("\u2068Idleb (3) \u0625\u062f\u0644\u0628\u2069")
ok = label == "\u2068Idleb\u2069\n\u2068\u0625\u062f\u0644\u0628\u2069" and invisible
print("qgis-labels: Idleb's label %r, isolates %s: %s" % (label, "invisible" if invisible else "drawn", "ok" if ok else "FAILED"))
sys.stdout.flush()
os._exit(0 if ok else 1)  # QGIS 3.22 can crash tearing down its Python objects
