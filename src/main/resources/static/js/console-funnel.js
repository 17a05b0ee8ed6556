// The funnel page's charts: one grouped bar chart per grouping, from the page's JSON block (web/console/funnel.ftlh).
// ECharts comes from its WebJar; the tables under the charts carry the same numbers for readers and tests.
(function () {
  'use strict';
  var block = document.getElementById('funnel-data');
  if (!block || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(block.textContent);
  var charts = [];
  data.groupings.forEach(function (grouping) {
    var element = document.getElementById('chart-' + grouping.key);
    if (!element || grouping.groups.length === 0) {
      return;
    }
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: grouping.groups.map(function (g) { return g.name; }),
        axisLabel: { interval: 0, overflow: 'truncate', width: 160 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.stages.map(function (stage, i) {
        return { name: stage, type: 'bar', data: grouping.groups.map(function (g) { return g.counts[i]; }) };
      })
    });
    element.setAttribute('data-drawn', 'true');
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
}());
