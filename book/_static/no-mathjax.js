// The report has no mathematics; this stub keeps Sphinx from pointing pages at a MathJax CDN.
