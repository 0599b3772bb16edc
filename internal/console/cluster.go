package console

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"standing/internal/account"
)

// clusterNode is an account drawn in a case's cluster.
type clusterNode struct {
	ID, Name, Status, Since string
	InCase, Subject         bool
	Shares                  []string // signal kinds it shares with any other account drawn
	X, Y                    float64
}

// clusterEdge is a link between two accounts drawn, with its signal kinds.
type clusterEdge struct {
	A, B           string
	Signals        string
	Strong         bool
	X1, Y1, X2, Y2 float64
	LabelX, LabelY float64
}

// cluster is the linked accounts of a case, laid out for a server-rendered
// SVG: the case's own accounts and every account linked to one of them,
// placed on a circle, the subject first.
type cluster struct {
	Nodes         []clusterNode
	Edges         []clusterEdge
	Width, Height int
}

// clusterWidth and clusterHeight are the SVG's view box.
const clusterWidth, clusterHeight = 640, 360

// cluster gathers the links of the case's accounts and lays them out.
func (c *Console) cluster(ctx context.Context, accts []caseAccount) (cluster, error) {
	cl := cluster{Width: clusterWidth, Height: clusterHeight}
	index := map[string]int{}
	add := func(n clusterNode) int {
		if i, ok := index[n.ID]; ok {
			return i
		}
		index[n.ID] = len(cl.Nodes)
		cl.Nodes = append(cl.Nodes, n)
		return len(cl.Nodes) - 1
	}
	view := func(a account.View, inCase, subject bool) clusterNode {
		return clusterNode{ID: a.ID, Name: a.Name, Status: string(a.Status), Since: a.CreatedAt.UTC().Format("2006-01-02"), InCase: inCase, Subject: subject}
	}
	for _, a := range accts {
		add(view(a.View, true, a.Subject))
	}
	seen := map[[2]string]bool{}
	for _, a := range accts {
		links, err := c.svc.Links(ctx, a.ID)
		if err != nil {
			return cl, fmt.Errorf("links of %s: %w", a.ID, err)
		}
		for _, l := range links.Data {
			if _, ok := index[l.AccountID]; !ok {
				if len(cl.Nodes) >= 12 { // a cluster larger than this is read in the table
					continue
				}
				o, err := c.svc.Account(ctx, l.AccountID)
				if err != nil {
					return cl, fmt.Errorf("linked account %s: %w", l.AccountID, err)
				}
				add(view(o, false, false))
			}
			pair := [2]string{min(a.ID, l.AccountID), max(a.ID, l.AccountID)}
			if seen[pair] {
				continue
			}
			seen[pair] = true
			cl.Edges = append(cl.Edges, clusterEdge{A: a.ID, B: l.AccountID, Signals: strings.Join(l.Signals, ", "), Strong: l.Strong()})
			for _, id := range pair {
				n := &cl.Nodes[index[id]]
				for _, s := range l.Signals {
					if !slices.Contains(n.Shares, s) {
						n.Shares = append(n.Shares, s)
					}
				}
			}
		}
	}
	cl.layout()
	return cl, nil
}

// layout places the nodes on an ellipse, the subject at the left, and the
// edges between them with their labels at the middle.
func (cl *cluster) layout() {
	n := len(cl.Nodes)
	cx, cy, rx, ry := float64(cl.Width)/2, float64(cl.Height)/2, float64(cl.Width)/2-110, float64(cl.Height)/2-50
	for i := range cl.Nodes {
		if n == 1 {
			cl.Nodes[i].X, cl.Nodes[i].Y = cx, cy
			continue
		}
		a := math.Pi + 2*math.Pi*float64(i)/float64(n)
		cl.Nodes[i].X, cl.Nodes[i].Y = round(cx+rx*math.Cos(a)), round(cy+ry*math.Sin(a))
	}
	at := map[string]clusterNode{}
	for _, nd := range cl.Nodes {
		at[nd.ID] = nd
	}
	for i := range cl.Edges {
		e := &cl.Edges[i]
		a, b := at[e.A], at[e.B]
		e.X1, e.Y1, e.X2, e.Y2 = a.X, a.Y, b.X, b.Y
		e.LabelX, e.LabelY = round((a.X+b.X)/2), round((a.Y+b.Y)/2-4)
	}
}

func round(f float64) float64 { return math.Round(f*10) / 10 }
