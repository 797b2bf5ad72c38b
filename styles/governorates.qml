<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- toponym: style of the `governorates` layer (MultiPolygon), for QGIS 3.22 and later.
     A choropleth of n_events (events located in the governorate) in fixed classes, so that
     maps of different runs compare; governorates without events are pale grey. Each
     governorate is labelled with its name (admin1) and, on a second line, its Arabic name
     (admin1_ar). Each name is wrapped in U+2068 FIRST STRONG ISOLATE ... U+2069 POP
     DIRECTIONAL ISOLATE (char(8296) ... char(8297)): a field joined with others keeps its own
     direction, so an Arabic name never pulls a neighbour's digits or brackets into its run
     (keep the isolates when adding a field to the label). Labels go where they fit inside the
     governorate (horizontal placement), so that the two lines clear the event places. -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="graduatedSymbol" attr="n_events" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" referencescale="-1" enableorderby="0">
    <ranges>
      <range symbol="0" lower="0" upper="0" label="No events" render="true"/>
      <range symbol="1" lower="0.5" upper="2" label="1&#8211;2 events" render="true"/>
      <range symbol="2" lower="2.5" upper="5" label="3&#8211;5 events" render="true"/>
      <range symbol="3" lower="5.5" upper="10" label="6&#8211;10 events" render="true"/>
      <range symbol="4" lower="10.5" upper="25" label="11&#8211;25 events" render="true"/>
      <range symbol="5" lower="25.5" upper="100" label="26&#8211;100 events" render="true"/>
      <range symbol="6" lower="100.5" upper="1000000000" label="More than 100 events" render="true"/>
    </ranges>
    <symbols>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="238,238,238,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="255,237,160,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="254,217,118,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="254,178,76,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="253,141,60,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="240,59,32,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
      <symbol type="fill" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="189,0,38,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
    <source-symbol>
      <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="color" value="254,178,76,255"/>
            <Option type="QString" name="style" value="solid"/>
            <Option type="QString" name="outline_color" value="110,110,110,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="joinstyle" value="round"/>
          </Option>
        </layer>
      </symbol>
    </source-symbol>
    <colorramp type="gradient" name="[source]">
      <Option type="Map">
        <Option type="QString" name="color1" value="255,255,204,255"/>
        <Option type="QString" name="color2" value="189,0,38,255"/>
        <Option type="QString" name="discrete" value="0"/>
        <Option type="QString" name="rampType" value="gradient"/>
        <Option type="QString" name="stops" value="0.25;254,217,118,255:0.5;253,141,60,255:0.75;240,59,32,255"/>
      </Option>
    </colorramp>
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
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="concat(CASE WHEN &quot;admin1&quot; &lt;&gt; '' THEN char(8296) || &quot;admin1&quot; || char(8297) END, CASE WHEN &quot;admin1&quot; &lt;&gt; '' AND &quot;admin1_ar&quot; &lt;&gt; '' THEN char(10) END, CASE WHEN &quot;admin1_ar&quot; &lt;&gt; '' THEN char(8296) || &quot;admin1_ar&quot; || char(8297) END)" isExpression="1" fontSize="8" fontSizeUnit="Point" fontWeight="63" fontItalic="0" fontUnderline="0" fontStrikeout="0" fontKerning="1" namedStyle="" textColor="60,60,60,255" textOpacity="1" capitalization="0" multilineHeight="1" allowHtml="0" blendMode="0" textOrientation="horizontal" previewBkgrdColor="255,255,255,255" useSubstitutions="0" legendString="Aa">
        <families/>
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferSizeMapUnitScale="3x:0,0,0,0,0,0" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"/>
        <text-mask maskEnabled="0" maskType="0" maskSize="1.5" maskSizeUnits="MM" maskSizeMapUnitScale="3x:0,0,0,0,0,0" maskOpacity="1" maskJoinStyle="128" maskedSymbolLayers=""/>
        <background shapeDraw="0" shapeType="0"/>
        <shadow shadowDraw="0"/>
        <substitutions/>
      </text-style>
      <text-format wrapChar="" autoWrapLength="0" useMaxLineLengthForAutoWrap="1" multilineAlign="1" addDirectionSymbol="0" leftDirectionSymbol="&lt;" rightDirectionSymbol="&gt;" reverseDirectionSymbol="0" placeDirectionSymbol="0" formatNumbers="0" decimals="3" plussign="0"/>
      <placement placement="4" centroidInside="1" centroidWhole="0" fitInPolygonOnly="0" quadOffset="4" dist="0" distUnits="MM" xOffset="0" yOffset="0" offsetUnits="MM" offsetType="0" rotationAngle="0" priority="5" placementFlags="10" polygonPlacementFlags="2" layerType="PolygonGeometry" geometryGeneratorEnabled="0" geometryGenerator="" geometryGeneratorType="PointGeometry" repeatDistance="0" repeatDistanceUnits="MM" overrunDistance="0" overrunDistanceUnit="MM" preserveRotation="1" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25"/>
      <rendering drawLabels="1" obstacle="1" obstacleFactor="1" obstacleType="1" displayAll="0" scaleVisibility="0" scaleMin="0" scaleMax="0" limitNumLabels="0" maxNumLabels="2000" minFeatureSize="0" labelPerPart="0" mergeLines="0" upsidedownLabels="0" zIndex="0" fontLimitPixelSize="0" fontMinPixelSize="0" fontMaxPixelSize="10000" unplacedVisibility="0"/>
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
  <layerGeometryType>2</layerGeometryType>
</qgis>
