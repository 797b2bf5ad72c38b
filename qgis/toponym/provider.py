"""The toponym Processing provider: its algorithms and its one setting (the executable)."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from . import runner
from .algorithms import ALGORITHMS

ICON = os.path.join(os.path.dirname(__file__), 'icon.svg')


class ToponymProvider(QgsProcessingProvider):
    def load(self):
        try:
            from processing.core.ProcessingConfig import ProcessingConfig, Setting
            ProcessingConfig.settingIcons[self.name()] = self.icon()
            ProcessingConfig.addSetting(Setting(self.name(), runner.SETTING_BIN,
                                                self.tr('toponym executable (empty: TOPONYM_BIN, then PATH)'),
                                                '', valuetype=Setting.FILE))
            ProcessingConfig.readSettings()
        except ImportError:  # the Processing plugin is not loaded: PATH and TOPONYM_BIN still work
            pass
        self.refreshAlgorithms()
        return True

    def unload(self):
        try:
            from processing.core.ProcessingConfig import ProcessingConfig
            ProcessingConfig.removeSetting(runner.SETTING_BIN)
        except (ImportError, KeyError):
            pass

    def loadAlgorithms(self):  # noqa: N802 (QGIS's name)
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())

    def id(self):
        return 'toponym'

    def name(self):
        return 'toponym'

    def longName(self):  # noqa: N802 (QGIS's name)
        return 'toponym: conflict reports to map layers'

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):  # noqa: N802 (QGIS's name)
        return ICON
