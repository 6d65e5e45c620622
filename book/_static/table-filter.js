// A filter box for the book's long tables (the events page): rows that do not contain
// every typed word are hidden. No library, nothing fetched: the site opens from disk.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.table-filter").forEach(function (input) {
    var table = document.getElementById(input.dataset.table);
    var count = document.querySelector('.table-filter-count[data-table="' + input.dataset.table + '"]');
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      if (count) count.textContent = shown + " of " + rows.length + " rows shown";
    }
    input.addEventListener("input", apply);
    apply();
  });
});
