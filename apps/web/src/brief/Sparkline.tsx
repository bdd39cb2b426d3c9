import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { sparklineOption, type Trend } from './overview-model';

use([LineChart, GridComponent, SVGRenderer]);

/** A tiny HHI trend line (ECharts, SVG, no axes), an image whose label says the numbers. */
export function Sparkline({
  trend,
  width = 80,
  height = 28,
}: {
  trend: Trend;
  width?: number;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = init(node, undefined, { renderer: 'svg', width, height });
    chart.current = instance;
    return () => {
      instance.dispose();
      chart.current = null;
    };
  }, [width, height]);

  useEffect(() => {
    chart.current?.setOption(sparklineOption(trend), { notMerge: true });
  }, [trend]);

  return (
    <div
      ref={element}
      className="sparkline"
      role="img"
      aria-label={trend.label}
      data-chart="hhi-trend"
      style={{ width, height }}
    />
  );
}
