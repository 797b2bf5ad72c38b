"""The toponym Processing algorithms. Each one builds a toponym command line from its parameters,
runs it (runner.run: progress, errors, cancel) and loads what it wrote: GeoPackage layers with
the style toponym stored in their layer_styles table (QGIS applies a layer's default style when
it loads it), and the temporal controller on event_date."""
import csv
import io
import os
import re

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField, QgsFields,
                       QgsGeometry, QgsLayerTreeLayer, QgsPointXY, QgsProcessing, QgsProcessingAlgorithm,
                       QgsProcessingContext, QgsProcessingException, QgsProcessingLayerPostProcessorInterface,
                       QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingOutputVectorLayer,
                       QgsProcessingParameterBoolean, QgsProcessingParameterDateTime, QgsProcessingParameterEnum,
                       QgsProcessingParameterExtent, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterMultipleLayers,
                       QgsProcessingParameterNumber, QgsProcessingParameterString, QgsProcessingUtils, QgsProject,
                       QgsProviderRegistry, QgsTemporalUtils, QgsVectorFileWriter, QgsVectorLayer,
                       QgsVectorLayerTemporalProperties, QgsWkbTypes)
from qgis.PyQt.QtCore import QCoreApplication, QVariant
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtXml import QDomDocument

from . import runner

ICON = os.path.join(os.path.dirname(__file__), 'icon.svg')
MAP_LAYERS = ['events', 'mentions', 'places', 'governorates', 'unresolved', 'documents']
# Order in the layer tree, top first: points over polygons, the table last.
LAYER_RANK = {name: i for i, name in enumerate(['events', 'mentions', 'places', 'unresolved', 'governorates',
                                               'documents'])}
RANK_PROPERTY = 'toponym/rank'
TEMPORAL_FIELD = 'event_date'


def tr(text):
    return QCoreApplication.translate('toponym', text)


# ---------------------------------------------------------------------------------------------
# Loading results


def layer_names(path):
    """The layers of an OGR dataset, in the order OGR lists them."""
    try:
        from osgeo import ogr
        dataset = ogr.Open(path)
        if dataset is not None:
            return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    except ImportError:
        pass
    layer = QgsVectorLayer(path, 'probe', 'ogr')
    names = []
    for sub in layer.dataProvider().subLayers() if layer.isValid() else []:
        parts = sub.split(layer.dataProvider().sublayerSeparator())
        if len(parts) > 1:
            names.append(parts[1])
    return names


def set_temporal(layer):
    """The temporal controller on event_date (a date/time instant per feature), as toponym's own
    QGIS project sets it; kept when the stored style already did. Returns whether it is set."""
    if layer.fields().indexOf(TEMPORAL_FIELD) < 0:
        return False
    properties = layer.temporalProperties()
    if not (properties.isActive() and properties.startField() == TEMPORAL_FIELD):
        properties.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField)
        properties.setStartField(TEMPORAL_FIELD)
        properties.setIsActive(True)
    return True


class _ResultsPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Runs in the main thread once a result layer is in the project: keeps toponym's layers in a
    readable order (points over polygons) and sets the project's time range to the events'."""
    _alive = []  # QGIS does not own Python post-processors: keep them until they have run

    def __init__(self):
        super().__init__()
        _ResultsPostProcessor._alive.append(self)

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        try:
            project = context.project() or QgsProject.instance()
            node = project.layerTreeRoot().findLayer(layer.id())
            if node is not None and node.parent() is not None:
                self._order(node.parent())
            if layer.temporalProperties().isActive():
                extent = QgsTemporalUtils.calculateTemporalRangeForProject(project)
                if extent.begin().isValid() and extent.end().isValid():
                    project.timeSettings().setTemporalRange(extent)
        finally:
            if self in _ResultsPostProcessor._alive:
                _ResultsPostProcessor._alive.remove(self)

    @staticmethod
    def _order(parent):
        children = parent.children()
        ours = [(i, n) for i, n in enumerate(children)
                if isinstance(n, QgsLayerTreeLayer) and n.layer() is not None
                and n.layer().customProperty(RANK_PROPERTY) is not None]
        if len(ours) < 2:
            return
        ranked = sorted(ours, key=lambda item: (int(item[1].layer().customProperty(RANK_PROPERTY)), item[0]))
        if [n for _, n in ranked] == [n for _, n in ours]:
            return
        first = ours[0][0]
        parent.insertChildNodes(first, [n.clone() for _, n in ranked])  # clones first: the layers stay
        for _, n in ours:
            parent.removeChildNode(n)


def load_result(path, name, context, output_name, display_name=None):
    """Opens layer NAME of PATH (None: the file's only layer) with its default style, sets the
    temporal controller when it has event_date, and hands it to QGIS to add to the project when
    the algorithm ends. Returns the layer (its id is the output's value)."""
    uri = path if name is None else '{}|layername={}'.format(path, name)
    layer = QgsVectorLayer(uri, display_name or name or os.path.splitext(os.path.basename(path))[0], 'ogr')
    if not layer.isValid():
        raise QgsProcessingException(tr('toponym wrote {} but QGIS cannot open it').format(uri))
    set_temporal(layer)
    layer.setCustomProperty(RANK_PROPERTY, LAYER_RANK.get(name or '', len(LAYER_RANK)))
    context.temporaryLayerStore().addMapLayer(layer)
    details = QgsProcessingContext.LayerDetails(layer.name(), context.project(), output_name)
    details.setPostProcessor(_ResultsPostProcessor())
    context.addLayerToLoadOnCompletion(layer.id(), details)
    return layer


# ---------------------------------------------------------------------------------------------
# The common base


class ToponymAlgorithm(QgsProcessingAlgorithm):
    SUBCOMMAND = []

    def createInstance(self):  # noqa: N802 (QGIS's name)
        return type(self)()

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802 (QGIS's name)
        return ICON

    def group(self):
        return ''

    def groupId(self):  # noqa: N802 (QGIS's name)
        return ''

    def tr(self, text):
        return tr(text)

    def helpUrl(self):  # noqa: N802 (QGIS's name)
        return ''

    # -- parameters shared by several algorithms

    def add_gazetteer_parameters(self):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            'GAZETTEERS', self.tr('Gazetteers (compiled .tpg or toponym TSV; none: the embedded Syria one)'),
            QgsProcessing.TypeFile, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            'ALIASES', self.tr('Aliases (name<TAB>place id or lat,lon lines)'), optional=True,
            fileFilter='Text (*.tsv *.txt);;All files (*.*)'))

    def add_admin_parameter(self):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            'ADMIN', self.tr('Admin boundaries (any polygon layers; none: the embedded governorates)'),
            QgsProcessing.TypeVectorPolygon, optional=True))

    def add_filter_parameters(self, governorate_label=None):
        self.addParameter(QgsProcessingParameterString(
            'GOVERNORATE', governorate_label or self.tr('Keep governorates (English, Arabic or pcode; comma-separated)'),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            'DISTRICT', self.tr('Keep districts (admin2 names or pcodes, comma-separated; needs admin boundaries)'),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            'TYPE', self.tr('Keep event types (comma-separated, e.g. air_strike,shelling)'), optional=True))
        self.addParameter(QgsProcessingParameterDateTime(
            'FROM', self.tr('Keep features dated on or after'), QgsProcessingParameterDateTime.Date, optional=True))
        self.addParameter(QgsProcessingParameterDateTime(
            'TO', self.tr('Keep features dated on or before'), QgsProcessingParameterDateTime.Date, optional=True))
        self.addParameter(QgsProcessingParameterExtent('BBOX', self.tr('Keep features inside this extent'),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            'WITHIN', self.tr('Keep features inside the polygons of this layer'), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            'MIN_CONFIDENCE', self.tr('Keep features with confidence at least (0-1)'),
            QgsProcessingParameterNumber.Double, optional=True, minValue=0.0, maxValue=1.0))

    # -- turning parameters into options

    def gazetteer_args(self, parameters, context):
        args = []
        for path in [p for p in (self.parameterAsFileList(parameters, 'GAZETTEERS', context) or []) if p]:
            args += ['--gazetteer', path]
        aliases = self.parameterAsFile(parameters, 'ALIASES', context)
        if aliases:
            args += ['--aliases', aliases]
        return args

    def admin_args(self, parameters, context, feedback):
        args = []
        for layer in self.parameterAsLayerList(parameters, 'ADMIN', context) or []:
            args += ['--admin', self.ogr_source(layer, context, feedback)]
        return args

    def ogr_source(self, layer, context, feedback):
        """FILE or FILE:LAYER for toponym's --admin: the layer's own file when OGR reads it,
        else a temporary GeoPackage copy."""
        if layer.providerType() == 'ogr':
            parts = QgsProviderRegistry.instance().decodeUri('ogr', layer.source())
            path = parts.get('path', '')
            if path and os.path.exists(path) and not parts.get('subset'):
                return path + (':' + parts['layerName'] if parts.get('layerName') else '')
        return self.copy_to_gpkg(layer, context, feedback)

    def copy_to_gpkg(self, layer, context, feedback):
        path = QgsProcessingUtils.generateTempFilename('polygons.gpkg')
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = 'GPKG'
        error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, context.transformContext(), options)
        if error[0] != QgsVectorFileWriter.NoError:
            raise QgsProcessingException(self.tr('cannot copy {} for toponym: {}').format(layer.name(), error[1]))
        feedback.pushInfo(self.tr('{} copied to {} for toponym').format(layer.name(), path))
        return path

    def source_args(self, parameters, name, context, feedback, formats=('gpkg', 'geojson', 'csv', 'fgb', 'shp')):
        """(path, layer name or '') of a feature source parameter that toponym can read, copied
        to a temporary GeoPackage when its provider or format is not one of FORMATS."""
        path, layer_name = self.parameterAsCompatibleSourceLayerPathAndLayerName(
            parameters, name, context, list(formats), 'gpkg', feedback)
        if not path:
            raise QgsProcessingException(self.tr('no input layer'))
        return path, layer_name or ''

    def filter_args(self, parameters, context, feedback):
        args = []
        for key, option in (('GOVERNORATE', '--governorate'), ('DISTRICT', '--district'), ('TYPE', '--type')):
            value = (self.parameterAsString(parameters, key, context) or '').strip()
            if value:
                args += [option, ','.join(v.strip() for v in value.split(',') if v.strip())]
        for key, option in (('FROM', '--from'), ('TO', '--to')):
            if parameters.get(key) not in (None, ''):
                day = self.parameterAsDateTime(parameters, key, context)
                if day.isValid():
                    args += [option, day.date().toString('yyyy-MM-dd')]
        if parameters.get('BBOX') not in (None, ''):
            wgs84 = QgsCoordinateReferenceSystem('EPSG:4326')
            box = self.parameterAsExtent(parameters, 'BBOX', context, wgs84)
            if not box.isNull() and not box.isEmpty():
                args += ['--bbox', '{:.6f},{:.6f},{:.6f},{:.6f}'.format(box.xMinimum(), box.yMinimum(),
                                                                        box.xMaximum(), box.yMaximum())]
        if parameters.get('WITHIN') not in (None, ''):
            path, layer_name = self.source_args(parameters, 'WITHIN', context, feedback,
                                                formats=('gpkg', 'geojson', 'shp', 'fgb'))
            if layer_name and len(layer_names(path)) > 1:  # toponym reads a file's first layer
                path = self.copy_to_gpkg(QgsVectorLayer('{}|layername={}'.format(path, layer_name), layer_name, 'ogr'),
                                         context, feedback)
            args += ['--within', path]
        if parameters.get('MIN_CONFIDENCE') not in (None, ''):
            args += ['--min-confidence', '{:g}'.format(self.parameterAsDouble(parameters, 'MIN_CONFIDENCE', context))]
        return args

    def progress_args(self, toponym):
        """--progress when this toponym has it (a plain pipe then carries the progress line)."""
        return ['--progress'] if runner.has_option(toponym, self.SUBCOMMAND, '--progress') else []

    def output_path(self, parameters, name, context, extensions):
        path = self.parameterAsFileOutput(parameters, name, context)
        if not path:
            raise QgsProcessingException(self.tr('no output file'))
        if os.path.splitext(path)[1].lower().lstrip('.') not in extensions:
            path += '.' + extensions[0]
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            os.makedirs(directory, exist_ok=True)
        return path

    def load_outputs(self, path, context, feedback, output_prefix, wanted=None):
        """Loads the layers toponym wrote to PATH; returns {name: layer}."""
        names = layer_names(path)
        if not path.lower().endswith('.gpkg'):
            names = [None]
        loaded = {}
        for name in names:
            if wanted is not None and name not in wanted:
                continue
            display = name
            if name is None or name not in LAYER_RANK:
                display = os.path.splitext(os.path.basename(path))[0] + ('' if name is None else ' ' + name)
            layer = load_result(path, name, context, output_prefix, display)
            feedback.pushInfo(self.tr('{}: {} features{}').format(
                layer.name(), layer.featureCount(),
                self.tr(', temporal on event_date') if layer.temporalProperties().isActive() else ''))
            loaded[name] = layer
        return loaded


# ---------------------------------------------------------------------------------------------
# Map reports


class MapReports(ToponymAlgorithm):
    SUBCOMMAND = ['map']

    def name(self):
        return 'mapreports'

    def displayName(self):  # noqa: N802 (QGIS's name)
        return self.tr('Map reports')

    def shortHelpString(self):  # noqa: N802 (QGIS's name)
        return self.tr(
            'Geoparses reports (a .txt file, a folder of them, a .jsonl or a .csv with one document a row) '
            'into a GeoPackage of layers: events, mentions, places, governorates, unresolved names and '
            'documents. The layers are loaded with toponym\'s styles and the temporal controller on the '
            'events\' event_date. Runs `toponym map`.')

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's name)
        self.addParameter(QgsProcessingParameterFile(
            'REPORTS', self.tr('Reports file (.txt, .jsonl or .csv)'), optional=True,
            fileFilter='Reports (*.txt *.jsonl *.csv);;All files (*.*)'))
        self.addParameter(QgsProcessingParameterFile(
            'REPORTS_FOLDER', self.tr('Folder of reports'), behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.add_gazetteer_parameters()
        self.add_admin_parameter()
        self.add_filter_parameters()
        self.addParameter(QgsProcessingParameterEnum(
            'LAYERS', self.tr('Layers to write'), MAP_LAYERS, allowMultiple=True,
            defaultValue=list(range(len(MAP_LAYERS)))))
        self.addParameter(QgsProcessingParameterString(
            'TEXT_COLUMN', self.tr('CSV reports: the column with the text (default: text, body, content, ...)'),
            optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            'OUTPUT', self.tr('Map layers (GeoPackage)'), 'GeoPackage (*.gpkg)'))
        self.addParameter(QgsProcessingParameterFileDestination(
            'HTML', self.tr('HTML page of the events (optional)'), 'HTML (*.html)', optional=True,
            createByDefault=False))
        for name in MAP_LAYERS:
            self.addOutput(QgsProcessingOutputVectorLayer(name.upper(), self.tr('Layer {}').format(name)))
        self.addOutput(QgsProcessingOutputNumber('EVENT_COUNT', self.tr('Number of events')))

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        if not any(parameters.get(key) not in (None, '') for key in ('REPORTS', 'REPORTS_FOLDER')):
            return False, self.tr('Give a reports file or a folder of reports')
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS's name)
        toponym = runner.find_toponym()
        inputs = [p for p in (self.parameterAsFile(parameters, 'REPORTS', context),
                              self.parameterAsFile(parameters, 'REPORTS_FOLDER', context)) if p]
        if not inputs:
            raise QgsProcessingException(self.tr('Give a reports file or a folder of reports'))
        output = self.output_path(parameters, 'OUTPUT', context, ['gpkg'])
        layers = [MAP_LAYERS[i] for i in self.parameterAsEnums(parameters, 'LAYERS', context)] or MAP_LAYERS
        args = [toponym, 'map', '--overwrite'] + inputs + ['-o', output, '--layers', ','.join(layers)]
        html = self.parameterAsFileOutput(parameters, 'HTML', context) if parameters.get('HTML') else ''
        if html:
            args += ['--html', html]
        text_column = (self.parameterAsString(parameters, 'TEXT_COLUMN', context) or '').strip()
        if text_column:
            args += ['--text-column', text_column]
        args += self.gazetteer_args(parameters, context)
        args += self.admin_args(parameters, context, feedback)
        args += self.filter_args(parameters, context, feedback)
        args += self.progress_args(toponym)
        runner.run(args, feedback, (0, 90), self.tr('Mapping the reports'))
        if feedback.isCanceled():
            return {}
        feedback.setProgressText(self.tr('Loading the layers'))
        loaded = self.load_outputs(output, context, feedback, 'OUTPUT', wanted=layers)
        feedback.setProgress(100)
        results = {'OUTPUT': output, 'EVENT_COUNT': loaded['events'].featureCount() if 'events' in loaded else 0}
        if html:
            results['HTML'] = html
        for name, layer in loaded.items():
            results[name.upper()] = layer.id()
        return results


# ---------------------------------------------------------------------------------------------
# Filter by governorate


class FilterByGovernorate(ToponymAlgorithm):
    SUBCOMMAND = ['filter']

    def name(self):
        return 'filterbygovernorate'

    def displayName(self):  # noqa: N802 (QGIS's name)
        return self.tr('Filter by governorate')

    def shortHelpString(self):  # noqa: N802 (QGIS's name)
        return self.tr(
            'Keeps the points of any point layer (toponym output, a CSV with lon/lat, GeoJSON, GeoPackage) '
            'that fall in the given governorates (or districts, a polygon layer, an extent), between two '
            'dates, of some event types or above a confidence. Runs `toponym filter`; a toponym layer keeps '
            'its style.')

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's name)
        self.addParameter(QgsProcessingParameterFeatureSource(
            'INPUT', self.tr('Point layer'), [QgsProcessing.TypeVectorPoint]))
        self.add_filter_parameters(self.tr('Governorates (English, transliterated, Arabic or pcode; comma-separated)'))
        self.add_admin_parameter()
        self.addParameter(QgsProcessingParameterBoolean(
            'ADD_ADMIN', self.tr('Add the admin1-3 names and pcodes of every point'), defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            'DATE_FIELD', self.tr('Date field for the dates (default: event_date, date, published)'), optional=True))
        self.addParameter(QgsProcessingParameterString(
            'TYPE_FIELD', self.tr('Type field for the event types (default: event_type)'), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            'OUTPUT', self.tr('Filtered'), 'GeoPackage (*.gpkg);;GeoJSON (*.geojson)'))
        self.addOutput(QgsProcessingOutputVectorLayer('FILTERED', self.tr('Filtered layer')))
        self.addOutput(QgsProcessingOutputNumber('FEATURE_COUNT', self.tr('Number of features kept')))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS's name)
        # In the main thread: the input layer's style, for an output that has none of its own
        self._input_style = None
        layer = self.parameterAsVectorLayer(parameters, 'INPUT', context)
        if layer is None:
            return True
        if layer.renderer() is not None and layer.renderer().type() != 'singleSymbol':  # as shown
            document = QDomDocument()
            error = layer.exportNamedStyle(document)
            if not (isinstance(error, str) and error):
                self._input_style = document.toString()
        elif layer.providerType() == 'ogr':  # as stored in the input's layer_styles
            stored = QgsProviderRegistry.instance().loadStyle('ogr', layer.source(), '')
            stored = stored[0] if isinstance(stored, tuple) else stored
            if stored:
                self._input_style = stored
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS's name)
        toponym = runner.find_toponym()
        path, layer_name = self.source_args(parameters, 'INPUT', context, feedback)
        output = self.output_path(parameters, 'OUTPUT', context, ['gpkg', 'geojson'])
        args = [toponym, 'filter', '--overwrite', path, '-o', output]
        if layer_name:
            args += ['--layer', layer_name]
        filters = self.filter_args(parameters, context, feedback)
        args += filters
        args += self.admin_args(parameters, context, feedback)
        if self.parameterAsBoolean(parameters, 'ADD_ADMIN', context):
            args += ['--add-admin']
        for key, option in (('DATE_FIELD', '--date-field'), ('TYPE_FIELD', '--type-field')):
            value = (self.parameterAsString(parameters, key, context) or '').strip()
            if value:
                args += [option, value]
        if not filters and '--add-admin' not in args:
            feedback.pushInfo(self.tr('No filter given: every point is kept'))
        args += self.progress_args(toponym)
        runner.run(args, feedback, (0, 90), self.tr('Filtering'))
        loaded = self.load_outputs(output, context, feedback, 'OUTPUT')
        if not loaded:
            raise QgsProcessingException(self.tr('toponym wrote no layer to {}').format(output))
        layer = next(iter(loaded.values()))
        style = getattr(self, '_input_style', None)
        if style and layer.renderer() is not None and layer.renderer().type() == 'singleSymbol':
            document = QDomDocument()
            document.setContent(style)
            layer.importNamedStyle(document)  # the output has no stored style: the input's
            set_temporal(layer)
            feedback.pushInfo(self.tr('{}: styled as the input layer').format(layer.name()))
        feedback.setProgress(100)
        return {'OUTPUT': output, 'FILTERED': layer.id(), 'FEATURE_COUNT': layer.featureCount()}


# ---------------------------------------------------------------------------------------------
# Geocode a column


class GeocodeColumn(ToponymAlgorithm):
    SUBCOMMAND = ['resolve']

    def name(self):
        return 'geocodecolumn'

    def displayName(self):  # noqa: N802 (QGIS's name)
        return self.tr('Geocode a column')

    def shortHelpString(self):  # noqa: N802 (QGIS's name)
        return self.tr(
            'Geocodes a column of place names ("Al-Mohsenli, countryside of Manbij, Aleppo") in a table: every '
            'row and column is kept and the place found is appended (point, name, id, precision, admin areas). '
            'Runs `toponym resolve`.')

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's name)
        self.addParameter(QgsProcessingParameterFeatureSource(
            'INPUT', self.tr('Table'), [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterField(
            'COLUMN', self.tr('Column with the place names'), parentLayerParameterName='INPUT',
            type=QgsProcessingParameterField.String))
        self.addParameter(QgsProcessingParameterField(
            'ALT_COLUMNS', self.tr('Columns with the same location written otherwise (e.g. in Arabic)'),
            parentLayerParameterName='INPUT', type=QgsProcessingParameterField.String, allowMultiple=True,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            'CONTEXT_COLUMNS', self.tr('Columns that help choose among same-named places (e.g. governorate)'),
            parentLayerParameterName='INPUT', type=QgsProcessingParameterField.String, allowMultiple=True,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            'COUNTRIES', self.tr('Countries taken without other evidence (ISO codes, comma-separated; "any")'),
            optional=True))
        self.add_gazetteer_parameters()
        self.add_admin_parameter()
        self.addParameter(QgsProcessingParameterFileDestination(
            'OUTPUT', self.tr('Geocoded'), 'GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)'))
        self.addOutput(QgsProcessingOutputVectorLayer('GEOCODED', self.tr('Geocoded layer')))
        self.addOutput(QgsProcessingOutputNumber('FEATURE_COUNT', self.tr('Number of rows')))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS's name)
        toponym = runner.find_toponym()
        path, layer_name = self.source_args(parameters, 'INPUT', context, feedback,
                                            formats=('csv', 'gpkg', 'xlsx', 'ods', 'geojson', 'shp', 'dbf'))
        output = self.output_path(parameters, 'OUTPUT', context, ['gpkg', 'geojson', 'csv'])
        column = self.parameterAsString(parameters, 'COLUMN', context)
        if not column:
            raise QgsProcessingException(self.tr('Choose the column with the place names'))
        args = [toponym, 'resolve', '--overwrite', path, '--column', column, '-o', output]
        if layer_name and not path.lower().endswith('.csv'):
            args += ['--layer', layer_name]
        for field in self.parameterAsFields(parameters, 'ALT_COLUMNS', context) or []:
            args += ['--alt-column', field]
        for field in self.parameterAsFields(parameters, 'CONTEXT_COLUMNS', context) or []:
            args += ['--context-column', field]
        countries = (self.parameterAsString(parameters, 'COUNTRIES', context) or '').strip()
        if countries:
            args += ['--countries', countries]
        args += self.gazetteer_args(parameters, context)
        args += self.admin_args(parameters, context, feedback)
        args += self.progress_args(toponym)
        runner.run(args, feedback, (0, 90), self.tr('Geocoding'))
        if output.lower().endswith('.csv'):
            uri = 'file://{}?type=csv&xField=lon&yField=lat&crs=EPSG:4326&detectTypes=yes&geomType=point'.format(
                output)
            layer = QgsVectorLayer(uri, os.path.splitext(os.path.basename(output))[0], 'delimitedtext')
            if not layer.isValid():
                layer = QgsVectorLayer(output, os.path.splitext(os.path.basename(output))[0], 'ogr')
            context.temporaryLayerStore().addMapLayer(layer)
            context.addLayerToLoadOnCompletion(
                layer.id(), QgsProcessingContext.LayerDetails(layer.name(), context.project(), 'OUTPUT'))
        else:
            loaded = self.load_outputs(output, context, feedback, 'OUTPUT')
            if not loaded:
                raise QgsProcessingException(self.tr('toponym wrote no layer to {}').format(output))
            layer = next(iter(loaded.values()))
        feedback.setProgress(100)
        return {'OUTPUT': output, 'GEOCODED': layer.id(), 'FEATURE_COUNT': layer.featureCount()}


# ---------------------------------------------------------------------------------------------
# Count events


def _typed_fields(header, rows):
    """Integer, real or string fields for a CSV's columns, from their values."""
    fields = QgsFields()
    kinds = []
    for i, name in enumerate(header):
        values = [r[i] for r in rows if i < len(r) and r[i] != '']
        if values and all(re.fullmatch(r'-?\d+', v) for v in values):
            kind = QVariant.LongLong
        elif values and all(re.fullmatch(r'-?\d+(\.\d*)?([eE][-+]?\d+)?', v) for v in values):
            kind = QVariant.Double
        else:
            kind = QVariant.String
        fields.append(QgsField(name, kind))
        kinds.append(kind)
    return fields, kinds


class CountEvents(ToponymAlgorithm):
    SUBCOMMAND = ['stats']

    def name(self):
        return 'countevents'

    def displayName(self):  # noqa: N802 (QGIS's name)
        return self.tr('Count events')

    def shortHelpString(self):  # noqa: N802 (QGIS's name)
        return self.tr(
            'Counts the events of a toponym layer (or any layer with admin1, event_type and event_date '
            'fields) by governorate, type and month, with the sums of fatalities and injured when toponym '
            'gives them. Writes a table (dimension, value, count, ...) and prints toponym\'s summary in the '
            'log. Runs `toponym stats`.')

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's name)
        self.addParameter(QgsProcessingParameterFeatureSource(
            'INPUT', self.tr('Events layer'), [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterString(
            'BY', self.tr('Group by these fields (comma-separated; needs a toponym with stats --by)'),
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            'OUTPUT', self.tr('Event counts'), QgsProcessing.TypeVector))
        self.addOutput(QgsProcessingOutputNumber('TOTAL', self.tr('Number of events')))
        self.addOutput(QgsProcessingOutputString('SUMMARY', self.tr('toponym\'s summary')))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS's name)
        toponym = runner.find_toponym()
        path, layer_name = self.source_args(parameters, 'INPUT', context, feedback)
        args = [toponym, 'stats', path]
        if layer_name and not path.lower().endswith(('.csv', '.geojson')):
            args += ['--layer', layer_name]
        by = [b.strip() for b in (self.parameterAsString(parameters, 'BY', context) or '').split(',') if b.strip()]
        if by and not runner.has_option(toponym, ['stats'], '--by'):
            raise QgsProcessingException(self.tr('this toponym ({}) has no `stats --by`: update it').format(toponym))
        for field in by:
            args += ['--by', field]
        summary = runner.run(args, feedback, (0, 45), self.tr('Counting'), echo_stdout=False).stdout
        for line in summary.splitlines():
            feedback.pushConsoleInfo(line) if hasattr(feedback, 'pushConsoleInfo') else feedback.pushInfo(line)
        table = runner.run(args + ['--csv'], feedback, (45, 90), echo_stdout=False).stdout
        rows = list(csv.reader(io.StringIO(table)))
        if not rows:
            raise QgsProcessingException(self.tr('toponym stats printed no table'))
        header, rows = rows[0], [r for r in rows[1:] if r]
        fields, kinds = _typed_fields(header, rows)
        sink, dest_id = self.parameterAsSink(parameters, 'OUTPUT', context, fields, QgsWkbTypes.NoGeometry,
                                             QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, 'OUTPUT'))
        total = 0
        for row in rows:
            feature = QgsFeature(fields)
            values = []
            for i, kind in enumerate(kinds):
                value = row[i] if i < len(row) else ''
                if value == '':
                    values.append(None)
                elif kind == QVariant.LongLong:
                    values.append(int(value))
                elif kind == QVariant.Double:
                    values.append(float(value))
                else:
                    values.append(value)
            feature.setAttributes(values)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if row and row[0] == 'total' and 'count' in header:
                total = int(row[header.index('count')] or 0)
        feedback.setProgress(100)
        return {'OUTPUT': dest_id, 'TOTAL': total, 'SUMMARY': summary}


# ---------------------------------------------------------------------------------------------
# Search the gazetteer

_SEARCH_ROW = re.compile(r'^\s*(?P<rank>\d+)\s+(?P<score>-?\d+(?:\.\d+)?)\s+(?P<id>\S+)\s+(?P<middle>.*?)\s+'
                         r'(?P<population>-?\d+)\s+(?P<lat>-?\d+\.\d+)\s+(?P<lon>-?\d+\.\d+)\s+(?P<rest>.*)$')
_MIDDLE = re.compile(r'^(?P<name>.*?)(?:\s+(?P<code>[A-Z]{3}[A-Z0-9]{0,7}))?(?:\s+(?P<adm1>[A-Z]{2}[0-9]*))?$')


def parse_search(text):
    """The candidates of `toponym gazetteer search`'s table, as dicts."""
    found = []
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.split()[:2] == ['rank', 'score']), None)
    if start is None:
        return found
    for line in lines[start + 1:]:
        m = _SEARCH_ROW.match(line)
        if not m:
            continue
        middle = _MIDDLE.match(m.group('middle').strip())
        rest = m.group('rest').strip()
        source = ''
        if rest.endswith(']') and '[' in rest:
            rest, source = rest[:rest.rindex('[')].strip(), rest[rest.rindex('[') + 1:-1]
        found.append({'rank': int(m.group('rank')), 'score': float(m.group('score')), 'id': m.group('id'),
                      'name': middle.group('name') if middle else m.group('middle').strip(),
                      'code': (middle.group('code') or '') if middle else '',
                      'adm1': (middle.group('adm1') or '') if middle else '',
                      'population': int(m.group('population')), 'lat': float(m.group('lat')),
                      'lon': float(m.group('lon')), 'matched': rest, 'source': source})
    return found


class SearchGazetteer(ToponymAlgorithm):
    SUBCOMMAND = ['gazetteer', 'search']

    def name(self):
        return 'searchgazetteer'

    def displayName(self):  # noqa: N802 (QGIS's name)
        return self.tr('Search the gazetteer')

    def shortHelpString(self):  # noqa: N802 (QGIS's name)
        return self.tr(
            'Shows the places a name would resolve to, best first, with their scores, as points. A context '
            '("near Maarat al-Numan") ranks them as in a report. Runs `toponym gazetteer search`.')

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's name)
        self.addParameter(QgsProcessingParameterString('NAME', self.tr('Place name (any spelling, Latin or Arabic)')))
        self.addParameter(QgsProcessingParameterString(
            'CONTEXT', self.tr('Text around the name (ranks the candidates as in a report)'), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            'LIMIT', self.tr('At most this many candidates'), QgsProcessingParameterNumber.Integer,
            defaultValue=10, minValue=1))
        self.add_gazetteer_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink(
            'OUTPUT', self.tr('Candidates'), QgsProcessing.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber('CANDIDATES', self.tr('Number of candidates')))
        self.addOutput(QgsProcessingOutputString('SUMMARY', self.tr('toponym\'s answer')))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS's name)
        toponym = runner.find_toponym()
        name = (self.parameterAsString(parameters, 'NAME', context) or '').strip()
        if not name:
            raise QgsProcessingException(self.tr('Give a place name'))
        args = [toponym, 'gazetteer', 'search', name,
                '--limit', str(self.parameterAsInt(parameters, 'LIMIT', context))]
        context_text = (self.parameterAsString(parameters, 'CONTEXT', context) or '').strip()
        if context_text:
            args += ['--context', context_text]
        args += self.gazetteer_args(parameters, context)
        done = runner.run(args, feedback, (0, 80), self.tr('Searching'), check=False, echo_stdout=False)
        text = done.stdout
        if done.returncode != 0 and not (done.returncode == 1 and 'no place' in text):
            # exit 1 with "no place of the gazetteer has this name" is an answer, not an error
            raise QgsProcessingException('toponym failed (exit code {}): {}'.format(
                done.returncode, (done.stderr or text).strip() or 'no message'))
        for line in text.splitlines():
            feedback.pushInfo(line)
        candidates = parse_search(text)
        fields = QgsFields()
        for field, kind in (('rank', QVariant.Int), ('score', QVariant.Double), ('id', QVariant.String),
                            ('name', QVariant.String), ('code', QVariant.String), ('adm1', QVariant.String),
                            ('population', QVariant.LongLong), ('lat', QVariant.Double), ('lon', QVariant.Double),
                            ('matched', QVariant.String), ('source', QVariant.String)):
            fields.append(QgsField(field, kind))
        sink, dest_id = self.parameterAsSink(parameters, 'OUTPUT', context, fields, QgsWkbTypes.Point,
                                             QgsCoordinateReferenceSystem('EPSG:4326'))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, 'OUTPUT'))
        for c in candidates:
            feature = QgsFeature(fields)
            feature.setAttributes([c[f.name()] for f in fields])
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(c['lon'], c['lat'])))
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)
        return {'OUTPUT': dest_id, 'CANDIDATES': len(candidates), 'SUMMARY': text.splitlines()[0] if text else ''}


ALGORITHMS = [MapReports, FilterByGovernorate, GeocodeColumn, CountEvents, SearchGazetteer]
