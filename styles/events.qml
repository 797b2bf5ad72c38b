<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- toponym: style of the `events` layer (Point), for QGIS 3.22 and later.
     One category per event_type, each with its own shape and colour. Under every marker a
     faint disc with a dashed rim shows where the event may really be: its diameter is twice
     uncertainty_m, in metres on the ground (RenderMetersInMapUnits), so it grows with the
     zoom. A white halo keeps each marker readable on the governorate choropleth. Events
     placed at an area's centroid (geo_precision 3) get a paler marker.
     The temporal settings make the temporal controller show the events by event_date. -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="0">
  <temporal enabled="1" mode="1" startField="event_date" endField="" startExpression="" endExpression="" durationField="" durationUnit="d" fixedDuration="0" accumulate="0" limitMode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 type="categorizedSymbol" attr="event_type" symbollevels="0" forceraster="0" referencescale="-1" enableorderby="0">
    <categories>
      <category symbol="0" value="air_strike" label="Air strike" render="true"/>
      <category symbol="1" value="drone_strike" label="Drone strike" render="true"/>
      <category symbol="2" value="shelling" label="Shelling / barrel bombs" render="true"/>
      <category symbol="3" value="clashes" label="Clashes" render="true"/>
      <category symbol="4" value="chemical_attack" label="Chemical attack" render="true"/>
      <category symbol="5" value="capture_of_territory" label="Capture of territory" render="true"/>
      <category symbol="6" value="displacement" label="Displacement" render="true"/>
      <category symbol="7" value="other" label="Other" render="true"/>
    </categories>
    <symbols>
      <!-- Air strike: red triangle -->
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="228,26,28,10"/>
            <Option type="QString" name="outline_color" value="228,26,28,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="triangle"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="5.6"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="triangle"/>
            <Option type="QString" name="color" value="228,26,28,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="4.4"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '228,26,28,110' ELSE '228,26,28,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Drone strike: purple diamond -->
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="152,78,163,10"/>
            <Option type="QString" name="outline_color" value="152,78,163,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="diamond"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="5.4"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="diamond"/>
            <Option type="QString" name="color" value="152,78,163,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="4.2"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '152,78,163,110' ELSE '152,78,163,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Shelling / barrel bombs: orange star -->
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="255,127,0,10"/>
            <Option type="QString" name="outline_color" value="255,127,0,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="star"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="6.2"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="star"/>
            <Option type="QString" name="color" value="255,127,0,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="5"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '255,127,0,110' ELSE '255,127,0,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Clashes: blue cross -->
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="55,126,184,10"/>
            <Option type="QString" name="outline_color" value="55,126,184,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="cross_fill"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="5.4"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="angle" value="45"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="cross_fill"/>
            <Option type="QString" name="color" value="55,126,184,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="4.2"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="angle" value="45"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '55,126,184,110' ELSE '55,126,184,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Chemical attack: green hexagon with a dark outline -->
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="77,175,74,10"/>
            <Option type="QString" name="outline_color" value="77,175,74,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="hexagon"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="5.6"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="hexagon"/>
            <Option type="QString" name="color" value="77,175,74,255"/>
            <Option type="QString" name="outline_color" value="20,60,20,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.5"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="4.4"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '77,175,74,110' ELSE '77,175,74,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Capture of territory: brown square -->
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="166,86,40,10"/>
            <Option type="QString" name="outline_color" value="166,86,40,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="square"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="4.8"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="square"/>
            <Option type="QString" name="color" value="166,86,40,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="3.6"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '166,86,40,110' ELSE '166,86,40,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Displacement: teal arrow -->
      <symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="0,150,170,10"/>
            <Option type="QString" name="outline_color" value="0,150,170,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="arrow"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="5.8"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="angle" value="90"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="arrow"/>
            <Option type="QString" name="color" value="0,150,170,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="4.6"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="angle" value="90"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '0,150,170,110' ELSE '0,150,170,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <!-- Other: grey circle -->
      <symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="100,100,100,10"/>
            <Option type="QString" name="outline_color" value="100,100,100,150"/>
            <Option type="QString" name="outline_style" value="dash"/>
            <Option type="QString" name="outline_width" value="0.3"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="0"/>
            <Option type="QString" name="size_unit" value="RenderMetersInMapUnits"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="size">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="2 * coalesce(&quot;uncertainty_m&quot;, 0)"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="255,255,255,235"/>
            <Option type="QString" name="outline_style" value="no"/>
            <Option type="QString" name="size" value="4.6"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
        </layer>
        <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="name" value="circle"/>
            <Option type="QString" name="color" value="100,100,100,255"/>
            <Option type="QString" name="outline_color" value="35,35,35,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.25"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="size" value="3.4"/>
            <Option type="QString" name="size_unit" value="MM"/>
            <Option type="QString" name="scale_method" value="diameter"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="fillColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;geo_precision&quot; >= 3 THEN '100,100,100,110' ELSE '100,100,100,255' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <legend type="default-vector" showLabelLegend="0"/>
  <layerGeometryType>0</layerGeometryType>
</qgis>
