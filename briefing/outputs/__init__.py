"""Views, templates, Markdown, the timeline chart, data.json and the PDF handout."""
