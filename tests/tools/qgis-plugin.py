#!/usr/bin/python3
"""QGIS 3.22 headless loads toponym's Processing provider (qgis/toponym) the way QGIS loads a
plugin (its folder on sys.path, classFactory, initProcessing), runs each algorithm with
processing.run on the samples and checks what it gives: feature counts, the stored styles
applied, the temporal controller on the events, progress reported, a cancel that kills toponym,
and errors raised as QgsProcessingException with toponym's own message. Run by ctest (label
'shared': scripts/check installs QGIS with ../shared's qgis-check first); fails when QGIS's
Python bindings are missing.
usage: qgis-plugin.py TOPONYM SOURCE_DIR WORKDIR
"""
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

toponym, source, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
if os.path.isdir(work):
    shutil.rmtree(work)
os.makedirs(work)
os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(dir=work)  # Qt wants a private runtime dir
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TOPONYM_BIN"] = toponym
samples = os.path.join(source, "samples")
sys.dont_write_bytecode = True  # no __pycache__ in the plugin's folder of the source tree

try:
    from qgis.core import (Qgis, QgsApplication, QgsLayerTreeLayer, QgsProcessingAlgRunnerTask, QgsProcessingContext,
                           QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsVectorLayer,
                           QgsFeature, QgsGeometry)
except ImportError as e:
    sys.exit("qgis-plugin: QGIS's Python bindings are missing (%s); scripts/check installs them" % e)

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False, tempfile.mkdtemp(prefix="profile-", dir=work))
app.initQgis()
sys.path.insert(0, "/usr/share/qgis/python/plugins")  # the Processing plugin, as QGIS has it
sys.path.insert(0, os.path.join(source, "qgis"))      # our plugin folder, as a plugins path
import processing  # noqa: E402
from processing.core.Processing import Processing  # noqa: E402
from processing.gui.Postprocessing import handleAlgorithmResults  # noqa: E402

Processing.initialize()
import qgis.utils  # noqa: E402

qgis.utils.plugin_paths.insert(0, os.path.join(source, "qgis"))
qgis.utils.updateAvailablePlugins()
found = "toponym" in qgis.utils.available_plugins
processing_plugin = qgis.utils.pluginMetadata("toponym", "hasProcessingProvider") == "yes"
started = qgis.utils.loadPlugin("toponym") and qgis.utils.startProcessingPlugin("toponym")

failures = []
passed = 0


def check(ok, what):
    global passed
    if ok:
        passed += 1
        print("ok   %s" % what)
    else:
        failures.append(what)
        print("FAIL %s" % what)
    sys.stdout.flush()


class Recorder(QgsProcessingFeedback):
    """Keeps the progress values and messages; cancels once progress passes CANCEL_AT."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.progress = []
        self.messages = []
        self.cancel_at = cancel_at
        self.progressChanged.connect(self._on_progress)

    def _on_progress(self, value):
        self.progress.append(value)
        if self.cancel_at is not None and 0 < value and not self.isCanceled():
            self.cancel()

    def pushInfo(self, info):  # noqa: N802
        self.messages.append(info)

    def reportError(self, error, fatalError=False):  # noqa: N802
        self.messages.append(error)


def _cmdline_has(pid, needle):
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            return needle.encode() in f.read()
    except OSError:
        return False


def run(alg, params, feedback=None):
    feedback = feedback or Recorder()
    started = time.time()
    result = processing.run("toponym:" + alg, params, feedback=feedback)
    print("     %s: %.2f s" % (alg, time.time() - started))
    return result, feedback


def renderer_type(layer):
    return layer.renderer().type() if layer.renderer() else None


def expect_error(alg, params, needle, what):
    try:
        run(alg, params)
    except QgsProcessingException as e:
        check(needle in str(e), "%s (message: %s)" % (what, str(e).strip().splitlines()[0][:160]))
        return
    check(False, what + " (no exception)")


try:
    check(found and processing_plugin and started,
          "QGIS finds the plugin in its plugins path, reads metadata.txt and starts its Processing part")
    provider = QgsApplication.processingRegistry().providerById("toponym")
    check(provider is not None, "the plugin registers the toponym provider (QGIS %s)" % Qgis.QGIS_VERSION)
    ids = sorted(a.id() for a in provider.algorithms())
    check(ids == ["toponym:countevents", "toponym:filterbygovernorate", "toponym:geocodecolumn",
                  "toponym:mapreports", "toponym:searchgazetteer"], "five algorithms: %s" % ", ".join(ids))

    # -- the parsers of toponym's text: progress lines and the search table
    from toponym import runner as plugin_runner
    from toponym.algorithms import parse_search
    check([plugin_runner._progress_of(t) for t in ("[3/12] a.txt", "45% 120 docs/s, 0:12 left",
                                                   "[=====>   ] 50 % 3.1 docs/s", "toponym: mapped 12 documents",
                                                   "Idleb (SY07) 24 44 %")] == [0.25, 0.45, 0.5, None, None],
          "progress lines parsed, other lines left alone")
    table = ('"Tall X" (key "tal x"): 2 candidates, confidence 0.50\n'
             'rank   score  id                   name                         code   adm1  population        lat       lon  matched names [source]\n'
             '   1   3.280  gn:1                 Tall Abu Hamid al Kabir      PPL    SY05           0   35.10000  36.20000  Tall X  [geonames]\n'
             '   2   1.500  ocha:C1              Tall X                              SY02         120   36.10000  37.20000  Tall X, Tal X  [ocha-communities|whosonfirst]\n')
    parsed = parse_search(table)
    check([(c["name"], c["code"], c["adm1"], c["population"], c["lon"], c["source"]) for c in parsed]
          == [("Tall Abu Hamid al Kabir", "PPL", "SY05", 0, 36.2, "geonames"),
              ("Tall X", "", "SY02", 120, 37.2, "ocha-communities|whosonfirst")],
          "search table parsed: names with spaces, an empty feature code")

    # -- Map reports: the samples folder
    gpkg = os.path.join(work, "samples.gpkg")
    result, feedback = run("mapreports", {"REPORTS_FOLDER": samples, "OUTPUT": gpkg})
    events = result["EVENTS"]
    check(isinstance(events, QgsVectorLayer) and events.isValid(), "map: the events layer is returned")
    reference = QgsVectorLayer(gpkg + "|layername=events", "reference", "ogr", QgsVectorLayer.LayerOptions(False))
    count = reference.featureCount()
    check(count >= 40 and events.featureCount() == count and result["EVENT_COUNT"] == count,
          "map: %d events in the layer and the output count" % count)
    check(renderer_type(reference) == "singleSymbol", "map: without its default style the events are a single symbol")
    check(renderer_type(events) == "categorizedSymbol",
          "map: events styled from layer_styles (%s)" % renderer_type(events))
    gov = result["GOVERNORATES"]
    check(gov.labelsEnabled() and renderer_type(gov) != "singleSymbol",
          "map: governorates styled and labelled (%s)" % renderer_type(gov))
    temporal = events.temporalProperties()
    check(temporal.isActive() and temporal.startField() == "event_date",
          "map: temporal controller on event_date")
    check(all(result[n.upper()] is not None for n in ["events", "mentions", "places", "governorates",
                                                       "unresolved", "documents"]), "map: six layers returned")
    between = [p for p in feedback.progress if 0 < p < 90]
    check(len(between) > 0 and max(feedback.progress) == 100,
          "map: progress reported from toponym's progress line (%s)" % ", ".join("%.0f" % p for p in feedback.progress))
    check(any("mapped 12 documents" in m for m in feedback.messages), "map: toponym's summary in the log")

    result, _ = run("mapreports", {"REPORTS": os.path.join(samples, "02-ramouseh-shelling.txt"),
                                   "OUTPUT": "TEMPORARY_OUTPUT"})
    check(result["OUTPUT"].endswith(".gpkg") and os.path.isfile(result["OUTPUT"]) and result["EVENT_COUNT"] > 0,
          "map: a temporary output (%s)" % result["OUTPUT"])

    # filters: governorate and a date range
    idleb_expected = sum(1 for f in reference.getFeatures() if f["admin1_pcode"] == "SY07")
    result, _ = run("mapreports", {"REPORTS_FOLDER": samples, "GOVERNORATE": "Idleb", "FROM": "2019-01-01",
                                   "TO": "2020-12-31", "LAYERS": [0, 3],
                                   "OUTPUT": os.path.join(work, "idleb.gpkg")})
    layer = result["EVENTS"]
    kept = [f for f in layer.getFeatures()]
    check(0 < len(kept) <= idleb_expected and all(f["admin1_pcode"] == "SY07" for f in kept)
          and result.get("MENTIONS") is None and result.get("GOVERNORATES") is not None,
          "map with filters: %d events, all in Idleb (of %d), only the layers asked" % (len(kept), idleb_expected))

    # one report file, run in a background task and loaded into the project as the Processing
    # dialog does (the layers are made in the task's thread and handed to the main thread)
    project = QgsProject.instance()
    alg = QgsApplication.processingRegistry().createAlgorithmById("toponym:mapreports")
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = Recorder()
    params = {"REPORTS": os.path.join(samples, "01-maarat-airstrikes.txt"), "OUTPUT": os.path.join(work, "one.gpkg")}
    done = {}
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    task.executed.connect(lambda successful, results: done.update(ok=successful, results=results))
    QgsApplication.taskManager().addTask(task)
    deadline = time.time() + 120
    while "ok" not in done and time.time() < deadline:
        app.processEvents()
        time.sleep(0.02)
    ok = done.get("ok", False)
    if ok:
        handleAlgorithmResults(alg, context, feedback, True, params)
    names = [n.layer().name() for n in project.layerTreeRoot().children() if isinstance(n, QgsLayerTreeLayer)]
    loaded_events = project.mapLayersByName("events")
    check(ok and names == ["events", "mentions", "places", "unresolved", "governorates", "documents"],
          "loaded into the project, points over polygons: %s" % ", ".join(names))
    check(len(loaded_events) == 1 and renderer_type(loaded_events[0]) == "categorizedSymbol"
          and loaded_events[0].temporalProperties().isActive() and loaded_events[0].thread() == app.thread(),
          "the loaded events keep their style and temporal settings")
    check(project.timeSettings().temporalRange().begin().isValid(), "the project's time range is the events'")

    # -- Filter by governorate: any point layer
    aleppo_expected = sum(1 for f in reference.getFeatures() if f["admin1_pcode"] == "SY02")
    result, _ = run("filterbygovernorate", {"INPUT": gpkg + "|layername=events", "GOVERNORATE": "Aleppo",
                                            "OUTPUT": os.path.join(work, "aleppo.gpkg")})
    layer = result["FILTERED"]
    check(layer.featureCount() == aleppo_expected > 0 and result["FEATURE_COUNT"] == aleppo_expected,
          "filter: %d events in Aleppo" % layer.featureCount())
    check(layer.temporalProperties().isActive(), "filter: temporal controller on the filtered events")
    check(renderer_type(layer) == "categorizedSymbol", "filter: the filtered events styled as toponym's")
    # a plain CSV point layer
    points = os.path.join(work, "points.csv")
    with open(points, "w", encoding="utf-8") as f:
        f.write("name,lon,lat,date\nin Idleb,36.63,35.93,2020-01-02\nin Aleppo,37.16,36.20,2020-01-03\n"
                "in Hama,36.75,35.13,2020-01-04\n")
    csv_layer = QgsVectorLayer("file://%s?type=csv&xField=lon&yField=lat&crs=EPSG:4326" % points, "points",
                               "delimitedtext")
    result, _ = run("filterbygovernorate", {"INPUT": csv_layer, "GOVERNORATE": "Idleb,Hama",
                                            "OUTPUT": os.path.join(work, "points.geojson")})
    check(result["FEATURE_COUNT"] == 2, "filter: a delimited-text layer, 2 of 3 points kept")
    result, _ = run("filterbygovernorate", {"INPUT": csv_layer, "BBOX": "36.5,37.0,35.8,36.0 [EPSG:4326]",
                                            "OUTPUT": os.path.join(work, "bbox.geojson")})
    check(result["FEATURE_COUNT"] == 1, "filter: an extent keeps the one point inside")
    # a drawn polygon layer (memory: copied to a GeoPackage for toponym) as "inside" and as admin areas
    area = QgsVectorLayer("Polygon?crs=EPSG:4326&field=pcode:string&field=name_en:string", "area", "memory")
    feature = QgsFeature(area.fields())
    feature.setAttributes(["XA01", "Test Area"])
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((36.5 35.8,37.3 35.8,37.3 36.3,36.5 36.3,36.5 35.8))"))
    area.dataProvider().addFeatures([feature])
    result, _ = run("filterbygovernorate", {"INPUT": csv_layer, "WITHIN": area,
                                            "OUTPUT": os.path.join(work, "within.geojson")})
    check(result["FEATURE_COUNT"] == 2, "filter: inside a memory polygon layer, 2 points")
    result, _ = run("filterbygovernorate", {"INPUT": csv_layer, "ADMIN": [area], "ADD_ADMIN": True,
                                            "OUTPUT": os.path.join(work, "admin.gpkg")})
    layer = result["FILTERED"]
    names = sorted(str(f["admin1"]) for f in layer.getFeatures()) if layer.fields().indexOf("admin1") >= 0 else []
    check(result["FEATURE_COUNT"] == 3 and names.count("Test Area") == 2,
          "filter: admin areas from a memory layer added (%s)" % ", ".join(names))

    # -- Geocode a column (team-written place strings, in the style of incident tables)
    table = os.path.join(work, "incidents.csv")
    with open(table, "w", encoding="utf-8") as f:
        f.write("id,location,governorate\n1,\"Saraqib, Idlib\",Idlib\n2,\"Douma, Rural Damascus\",Rural Damascus\n"
                "3,Nowhere Flats,\n")
    result, _ = run("geocodecolumn", {"INPUT": table, "COLUMN": "location", "CONTEXT_COLUMNS": ["governorate"],
                                      "OUTPUT": os.path.join(work, "geocoded.gpkg")})
    layer = result["GEOCODED"]
    located = [f for f in layer.getFeatures() if f.hasGeometry() and not f.geometry().isEmpty()]
    saraqib = [f for f in located if str(f["id"]) == "1"]
    check(result["FEATURE_COUNT"] == 3 and len(located) == 2 and saraqib
          and abs(saraqib[0].geometry().asPoint().y() - 35.86) < 0.1,
          "geocode: 3 rows kept, 2 located, Saraqib near 35.86 N")

    result, _ = run("geocodecolumn", {"INPUT": table, "COLUMN": "location", "OUTPUT": os.path.join(work, "geo.csv")})
    layer = result["GEOCODED"]
    check(result["FEATURE_COUNT"] == 3 and layer.isValid() and layer.fields().indexOf("location") >= 0
          and sum(1 for f in layer.getFeatures() if f.hasGeometry()) == 2,
          "geocode: a CSV output loads as points (%s fields)" % layer.fields().count())

    # -- Count events
    result, _ = run("countevents", {"INPUT": gpkg + "|layername=events", "OUTPUT": "memory:"})
    table = result["OUTPUT"]
    rows = [(f["dimension"], f["value"], f["count"]) for f in table.getFeatures()]
    check(result["TOTAL"] == count and [c for d, _, c in rows if d == "total"] == [count]
          and any(d == "governorate" for d, _, _ in rows),
          "stats: %d events in all, %d rows by governorate, type and month" % (result["TOTAL"], len(rows)))

    # -- Search the gazetteer
    result, _ = run("searchgazetteer", {"NAME": "Saraqib", "LIMIT": 3, "OUTPUT": "memory:"})
    first = next(result["OUTPUT"].getFeatures(), None)
    check(result["CANDIDATES"] >= 1 and first is not None and first["adm1"] == "SY07"
          and abs(first.geometry().asPoint().x() - 36.806) < 0.01,
          "search: Saraqib found in SY07 (%s candidates)" % result["CANDIDATES"])
    result, _ = run("searchgazetteer", {"NAME": "Kafr Nowhere Zzz", "OUTPUT": "memory:"})
    check(result["CANDIDATES"] == 0, "search: an unknown name gives no candidate")

    # -- errors reach Processing with toponym's message
    bad_gazetteer = os.path.join(work, "bad.tpg")
    with open(bad_gazetteer, "wb") as f:
        f.write(b"\x00not a gazetteer\x00")
    expect_error("mapreports", {"REPORTS": os.path.join(samples, "01-maarat-airstrikes.txt"),
                                "GAZETTEERS": [bad_gazetteer], "OUTPUT": os.path.join(work, "bad.gpkg")},
                 "bad.tpg", "error: a broken gazetteer raises QgsProcessingException with toponym's message")
    expect_error("mapreports", {"REPORTS": os.path.join(work, "missing.txt"), "OUTPUT": os.path.join(work, "m.gpkg")},
                 "missing.txt: no such file", "error: a missing reports file is toponym's error")
    expect_error("filterbygovernorate", {"INPUT": gpkg + "|layername=events", "GOVERNORATE": "Atlantis",
                                         "OUTPUT": os.path.join(work, "none.gpkg")},
                 "Atlantis", "error: an unknown governorate is toponym's error")
    expect_error("mapreports", {"OUTPUT": os.path.join(work, "none.gpkg")}, "reports",
                 "error: no input is refused")
    os.environ["TOPONYM_BIN"] = os.path.join(work, "no-such-toponym")
    expect_error("searchgazetteer", {"NAME": "Saraqib", "OUTPUT": "memory:"}, "no-such-toponym",
                 "error: a missing executable is named")
    os.environ["TOPONYM_BIN"] = toponym
    from processing.core.ProcessingConfig import ProcessingConfig
    with open(os.path.join(work, "set-in-settings"), "w") as f:
        f.write("not a program\n")
    ProcessingConfig.setSettingValue("TOPONYM_BIN", os.path.join(work, "set-in-settings"))
    expect_error("searchgazetteer", {"NAME": "Saraqib", "OUTPUT": "memory:"}, "set-in-settings",
                 "error: the provider setting's executable is the one used")
    ProcessingConfig.setSettingValue("TOPONYM_BIN", "")
    check(not provider.icon().isNull() and os.path.isfile(provider.svgIconPath()), "the provider has its icon")

    # -- cancel kills toponym: 3000 team-written reports take a few seconds
    big = os.path.join(work, "many.jsonl")
    with open(big, "w", encoding="utf-8") as f:
        for i in range(3000):
            f.write(json.dumps({"id": "r%d" % i, "published": "2020-02-%02d" % (1 + i % 28),
                                "text": "Shelling hit the town of Saraqib in Idlib province on Monday, and "
                                        "air strikes targeted Ariha the same day, local sources said. "
                                        "Clashes continued near Kafranbel."}) + "\n")
    feedback = Recorder(cancel_at=0)
    started = time.time()
    try:
        processing.run("toponym:mapreports", {"REPORTS": big, "OUTPUT": os.path.join(work, "many.gpkg")},
                       feedback=feedback)
        check(False, "cancel: the run was not canceled (finished in %.1f s)" % (time.time() - started))
    except QgsProcessingException as e:
        left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _cmdline_has(pid, "many.jsonl")]
        check("canceled" in str(e) and not left,
              "cancel: stopped after %.1f s (%s), no toponym left running" % (time.time() - started, e))
except Exception:
    traceback.print_exc()
    failures.append("exception")

from qgis.core import QgsProcessingUtils  # noqa: E402

shutil.rmtree(QgsProcessingUtils.tempFolder(), ignore_errors=True)  # QGIS would on a clean exit
print("qgis-plugin: %d passed, %d failed" % (passed, len(failures)))
sys.stdout.flush()
os._exit(1 if failures else 0)  # QGIS 3.22 can crash tearing down its Python objects
