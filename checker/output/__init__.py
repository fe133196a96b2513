"""Stage 6, output: the renderer registry (one module per format), the batch dashboard, labels in Chinese and English, and the HTML templates."""
