<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- toponym: style of the `places` layer (Point), for QGIS 3.22 and later.
     One translucent circle per place, its size growing with n_events (the events located
     there) in fixed classes; places that were only mentioned get a small hollow dot. Big
     circles are drawn first so that small ones stay visible. Places with events are
     labelled with their name. -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="graduatedSymbol" attr="n_events" graduatedMethod="GraduatedSize" symbollevels="0" forceraster="0" referencescale="-1" enableorderby="1">
    <ranges>
      <range symbol="0" lower="0" upper="0" label="Mentioned, no event" render="true"/>
      <range symbol="1" lower="0.5" upper="1" label="1 event" render="true"/>
      <range symbol="2" lower="1.5" upper="4" label="2&#8211;4 events" render="true"/>
      <range symbol="3" lower="4.5" upper="9" label="5&#8211;9 events" render="true"/>
      <range symbol="4" lower="9.5" upper="24" label="10&#8211;24 events" render="true"/>
      <range symbol="5" lower="24.5" upper="1000000000" label="25 events or more" render="true"/>
    </ranges>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="255,255,255,200"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="1.8"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="49,54,149,130"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="3"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="49,54,149,130"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="4.4"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="49,54,149,130"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="6"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="49,54,149,130"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="7.8"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="49,54,149,130"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="10"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
    <source-symbol>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="49,54,149,130"/>
            <Option type="QString" name="outline_color" value="49,54,149,230"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.35"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="3"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
      </symbol>
    </source-symbol>
    <classificationMethod id="Pretty">
      <symmetricMode enabled="0" symmetrypoint="0" astride="0"/>
      <labelFormat format="%1 &#8211; %2" labelprecision="0" trimtrailingzeroes="1"/>
      <parameters>
        <Option/>
      </parameters>
      <extraInformation/>
    </classificationMethod>
    <rotation/>
    <sizescale/>
    <orderby>
      <orderByClause asc="0" nullsFirst="0">"n_events"</orderByClause>
    </orderby>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="CASE WHEN &quot;n_events&quot; > 0 THEN &quot;name&quot; END" isExpression="1" fontSize="7.5" fontSizeUnit="Point" fontWeight="50" fontItalic="0" fontUnderline="0" fontStrikeout="0" fontKerning="1" namedStyle="" textColor="30,30,60,255" textOpacity="1" capitalization="0" multilineHeight="1" allowHtml="0" blendMode="0" textOrientation="horizontal" previewBkgrdColor="255,255,255,255" useSubstitutions="0" legendString="Aa">
        <families/>
        <text-buffer bufferDraw="1" bufferSize="0.7" bufferSizeUnits="MM" bufferSizeMapUnitScale="3x:0,0,0,0,0,0" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"/>
        <text-mask maskEnabled="0" maskType="0" maskSize="1.5" maskSizeUnits="MM" maskSizeMapUnitScale="3x:0,0,0,0,0,0" maskOpacity="1" maskJoinStyle="128" maskedSymbolLayers=""/>
        <background shapeDraw="0" shapeType="0"/>
        <shadow shadowDraw="0"/>
        <substitutions/>
      </text-style>
      <text-format wrapChar="" autoWrapLength="0" useMaxLineLengthForAutoWrap="1" multilineAlign="3" addDirectionSymbol="0" leftDirectionSymbol="&lt;" rightDirectionSymbol="&gt;" reverseDirectionSymbol="0" placeDirectionSymbol="0" formatNumbers="0" decimals="3" plussign="0"/>
      <placement placement="6" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" dist="1" distUnits="MM" quadOffset="4" xOffset="0" yOffset="0" offsetUnits="MM" offsetType="0" rotationAngle="0" priority="5" placementFlags="10" polygonPlacementFlags="2" centroidInside="0" centroidWhole="0" fitInPolygonOnly="0" layerType="PointGeometry" geometryGeneratorEnabled="0" geometryGenerator="" geometryGeneratorType="PointGeometry" repeatDistance="0" repeatDistanceUnits="MM" overrunDistance="0" overrunDistanceUnit="MM" preserveRotation="1" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25"/>
      <rendering drawLabels="1" obstacle="1" obstacleFactor="1" obstacleType="0" displayAll="0" scaleVisibility="0" scaleMin="0" scaleMax="0" limitNumLabels="0" maxNumLabels="2000" minFeatureSize="0" labelPerPart="0" mergeLines="0" upsidedownLabels="0" zIndex="1" fontLimitPixelSize="0" fontMinPixelSize="0" fontMaxPixelSize="10000" unplacedVisibility="0"/>
      <dd_properties>
        <Option type="Map">
          <Option type="QString" name="name" value=""/>
          <Option name="properties"/>
          <Option type="QString" name="type" value="collection"/>
        </Option>
      </dd_properties>
    </settings>
  </labeling>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <legend type="default-vector" showLabelLegend="0"/>
  <layerGeometryType>0</layerGeometryType>
</qgis>
