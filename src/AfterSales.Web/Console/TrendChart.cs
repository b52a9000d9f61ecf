using System.Globalization;
using System.Net;
using System.Text;

namespace AfterSales.Web.Console;

/// <summary>
/// A small line chart of one measure over months, as inline SVG (no script, no style attribute: the console's CSP
/// allows neither): the line, a dot and value per month that has one, the months along the bottom.
/// </summary>
public static class TrendChart
{
    private const int Width = 360;
    private const int Height = 150;
    private const int Left = 8;
    private const int Right = 8;
    private const int Top = 22;
    private const int Bottom = 26;

    /// <param name="title">What is measured, shown to screen readers as the chart's name.</param>
    /// <param name="points">Oldest first; a month without a value leaves a gap.</param>
    /// <param name="format">How a value is written (e.g. with its unit).</param>
    public static string Svg(string title, IReadOnlyList<(string Month, double? Value)> points, Func<double, string> format)
    {
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"trend\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        if (values.Count == 0)
        {
            return svg.Append("</svg>").ToString();
        }

        var (min, max) = (values.Min(), values.Max());
        if (max - min < 1e-9)
        {
            (min, max) = (min - 1, max + 1);
        }

        var step = points.Count > 1 ? (Width - Left - Right) / (double)(points.Count - 1) : 0;
        double X(int i) => Left + (points.Count > 1 ? i * step : (Width - Left - Right) / 2.0);
        double Y(double v) => Top + ((max - v) / (max - min) * (Height - Top - Bottom));

        var line = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v)
            {
                continue;
            }

            line.Append(line.Length == 0 || points[i - 1].Value is null ? 'M' : 'L').Append(Number(X(i))).Append(' ').Append(Number(Y(v))).Append(' ');
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#dee0e3\"/>")
            .Append(CultureInfo.InvariantCulture, $"<path d=\"{line.ToString().TrimEnd()}\" fill=\"none\" stroke=\"#245bdb\" stroke-width=\"2\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var x = Number(X(i));
            if (points[i].Value is { } v)
            {
                var y = Y(v);
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x}\" cy=\"{Number(y)}\" r=\"3\" fill=\"#245bdb\"><title>{WebUtility.HtmlEncode(points[i].Month)}: {WebUtility.HtmlEncode(format(v))}</title></circle>");
                if (i == points.Count - 1 || v == values.Max() || v == values.Min())
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Number(y - 7)}\" font-size=\"11\" text-anchor=\"{Anchor(i, points.Count)}\" fill=\"#1f2329\">{WebUtility.HtmlEncode(format(v))}</text>");
                }
            }

            if (i % Math.Max(1, points.Count / 6) == 0 || i == points.Count - 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height - 8}\" font-size=\"10\" text-anchor=\"{Anchor(i, points.Count)}\" fill=\"#646a73\">{WebUtility.HtmlEncode(points[i].Month[2..])}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Anchor(int i, int count) => i == 0 && count > 1 ? "start" : i == count - 1 && count > 1 ? "end" : "middle";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
