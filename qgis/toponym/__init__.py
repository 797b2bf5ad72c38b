"""toponym's QGIS plugin: a Processing provider whose algorithms run the toponym executable."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import ToponymPlugin
    return ToponymPlugin(iface)
