import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
}

const COLOURS = ['#1f4e79', '#c0392b', '#2e7d32', '#8e44ad', '#d35400', '#00838f'];

/** One small line chart over months, with a caption that says what it shows. */
export function MiniChart({
  title,
  data,
  series,
  format,
}: {
  title: string;
  data: Record<string, number>[];
  series: Series[];
  format?: (n: number) => string;
}) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
            <XAxis dataKey="month" tickLine={false} allowDecimals={false} />
            <YAxis tickFormatter={format} width={64} />
            <Tooltip formatter={(v) => (format && typeof v === 'number' ? format(v) : String(v))} />
            {series.length > 1 && <Legend />}
            {series.map((s, i) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={2}
                dot
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
