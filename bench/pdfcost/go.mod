module hitori/bench/pdfcost

go 1.26

require codeberg.org/go-pdf/fpdf v0.12.0
